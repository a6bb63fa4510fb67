import { parse } from 'bowser';

export interface DeviceDescription {
  device: string;
  browser: string;
}

const unknown: DeviceDescription = { device: 'Unknown device', browser: 'Unknown browser' };

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const majorVersion = (version: string | undefined) => version?.split('.')[0] ?? '';
const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ');

/** "Desktop · Windows 10" and "Chrome 126" from a session's user agent, as far as it tells. */
export function describeUserAgent(userAgent: string | null): DeviceDescription {
  if (!userAgent) return unknown;
  const { browser, os, platform } = parse(userAgent);
  const system = joined(os.name, os.versionName ?? os.version);
  const kind = platform.type ? capitalize(platform.type) : '';
  const device = [kind, system].filter(Boolean).join(' · ');
  return {
    device: device || unknown.device,
    browser: joined(browser.name, majorVersion(browser.version)) || unknown.browser,
  };
}
