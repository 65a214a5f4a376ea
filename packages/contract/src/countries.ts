/**
 * ISO 3166-1 country codes: every alpha-3 code (what SmartPay takes) with its alpha-2 twin (what
 * Intl.DisplayNames names). Packed for the browser, one line per first letter: the letter, then
 * each code's other two letters, which also give its alpha-2 code:
 * - `FG` (AFG): the first two letters, AF;
 * - `Bw`, the last in lower case (ABW): the first and the last, AW;
 * - `LAx`, a lower-case letter after (ALA): the first and that one, AX;
 * - `TFtf`, two lower-case letters after (ATF): those two, TF.
 * So `ABwFGLAx` reads ABW (AW), AFG (AF), ALA (AX). Checked against i18n-iso-countries by
 * test/countries.test.ts.
 */
const PACKED = [
  'ABwFGGoIALAxLBNdReRGRmSMTAqTFtfTgUSUtZE',
  'BDiELENjESqFAGdGRHRHsIHaLMLRyLzMUOLRARbRnTNVTWA',
  'CAfANCKHEHlHnIVMROdOgOkOLOMkmPvRIUBUwXRYMkyYPZE',
  'DEUJIMANkOMZA',
  'ECUGYRIShSPSTeTH',
  'FINJILkRARoSm',
  'GABBREOGYHAIBInLpMBNBwNqRCRdRlTMUfUMUy',
  'HKGMDNDRVTIUN',
  'IDNMNNDOTRLeRNRqSLSRlTA',
  'JAmEYORPN',
  'KAzENGZHMIRNAOrWT',
  'LAOBNBrByCAIEKASOTUUXVA',
  'MACoAfARCODADgDvExHLKDLILtMRNeNGNpOzRTSRTqUSWIYSYTyt',
  'NAMCLERFKGAICIuLDORPLRUZL',
  'OMN',
  'PAkANCnERHLLwNgOlRIRKkpRtRySEYf',
  'QAT',
  'REUOUUSWA',
  'SAUDNEnGPGSgsHNJMLbLELvMROMPMpmRBrsSDTPUrVkVNiWeWzXMYcYR',
  'TCACdGOHAJKKLKmLSONTOUnUrUvWNZA',
  'UGAKRaMIRySAZB',
  'VATCTENGBIRNMUT',
  'WLfSM',
  'XKK',
  'YEM',
  'ZAFMBWE',
];

/** Alpha-3 code to alpha-2 code, for every ISO 3166-1 country, in alphabetical order. */
export const COUNTRY_ALPHA2: ReadonlyMap<string, string> = new Map(
  PACKED.flatMap((line) => {
    const first = line[0]!;
    return [...line.slice(1).matchAll(/([A-Z])([A-Za-z])([a-z]{0,2})/g)].map(
      ([, second = '', last = '', twin = '']) => {
        const lastIsLower = last !== last.toUpperCase();
        const alpha2 = twin.length === 2 ? twin : first + (twin || (lastIsLower ? last : second));
        return [first + second + last.toUpperCase(), alpha2.toUpperCase()] as const;
      },
    );
  }),
);

/** Every ISO 3166-1 alpha-3 code, in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = /* @__PURE__ */ Array.from(
  /* @__PURE__ */ COUNTRY_ALPHA2.keys(),
);

/** Countries whose addresses need a state (the API page: mandatory for Canada and the USA). */
export const COUNTRIES_REQUIRING_STATE: readonly string[] = ['USA', 'CAN'];
