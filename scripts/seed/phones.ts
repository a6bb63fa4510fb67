import examples from 'libphonenumber-js/mobile/examples';
import {
  getExampleNumber,
  parsePhoneNumberWithError,
  type CountryCode,
} from 'libphonenumber-js/max';

interface MobileTemplate {
  callingCode: string;
  example: string;
  /** Leading national digits kept from the example, so the number stays in a mobile range. */
  prefix: string;
  length: number;
}

const templates = new Map<CountryCode, MobileTemplate>();
const maxAttempts = 20;

function templateFor(country: CountryCode): MobileTemplate {
  let template = templates.get(country);
  if (!template) {
    const example = getExampleNumber(country, examples);
    if (!example) throw new Error(`libphonenumber-js has no example mobile number for ${country}`);
    const national = example.nationalNumber;
    template = {
      callingCode: example.countryCallingCode,
      example: example.number,
      prefix: national.slice(0, Math.max(2, national.length - 7)),
      length: national.length,
    };
    templates.set(country, template);
  }
  return template;
}

// The full ("max") metadata checks number ranges, not only lengths, so what passes here passes the
// server's validation whichever metadata set it loads.
function isValidNumber(e164: string): boolean {
  try {
    return parsePhoneNumberWithError(e164).isValid();
  } catch {
    return false;
  }
}

/** A random mobile number valid for the country, in E.164. */
export function randomMobileNumber(country: CountryCode, randomDigits: (count: number) => string) {
  const template = templateFor(country);
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const national = template.prefix + randomDigits(template.length - template.prefix.length);
    const e164 = `+${template.callingCode}${national}`;
    if (isValidNumber(e164)) return e164;
  }
  return template.example;
}
