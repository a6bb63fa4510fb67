const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (value: number) => numberFormat.format(value);

export function ratePerSecond(count: number, milliseconds: number): number {
  return milliseconds > 0 ? (count * 1000) / milliseconds : 0;
}

/** Prints a line each time another twentieth of the work is done, with the rate so far. */
export function createProgressReporter(total: number, label: string) {
  const started = performance.now();
  const step = Math.max(1, Math.ceil(total / 20));
  let nextReport = step;
  return (done: number) => {
    if (done < nextReport && done < total) return;
    nextReport = done + step;
    const rate = ratePerSecond(done, performance.now() - started);
    const percent = Math.floor((done * 100) / total);
    console.log(
      `  ${formatCount(done)} / ${formatCount(total)} ${label} (${percent} %, ${formatCount(rate)}/s)`,
    );
  };
}
