/**
 * ISO 3166-1 country codes: every alpha-3 code (what SmartPay takes) with its alpha-2 twin (what
 * Intl.DisplayNames names). Packed for the browser, one line per first letter: the letter, then
 * each code's other two letters, each followed by its alpha-2 code, in lower case, where that is
 * not the alpha-3 code's first two letters: one letter when only the second differs (ABW, AW:
 * `BWw`), both otherwise (ATF, TF: `TFtf`). So `ABWwFG` reads ABW (AW), AFG (AF).
 * Checked against i18n-iso-countries by test/countries.test.ts.
 */
const PACKED = [
  'ABWwFGGOoIALAxLBNDdREeRGRMmSMTAqTFtfTGgUSUTtZE',
  'BDIiELENjESqFAGDdGRHRHSsIHaLMLRyLZzMUOLRARBbRNnTNVTWA',
  'CAFfANCKHEHLlHNnIVMRODdOGgOKkOLOMkmPVvRIUBUWwXRYMkyYPZE',
  'DEUJIMANKkOMZA',
  'ECUGYRISHhSPSTeTH',
  'FINJILKkRAROoSMm',
  'GABBREOGYHAIBINnLPpMBNBwNQqRCRDdRLlTMUFfUMUYy',
  'HKGMDNDRVTIUN',
  'IDNMNNDOTRLeRNRQqSLSRlTA',
  'JAMmEYORPN',
  'KAZzENGZHMIRNAORrWT',
  'LAOBNBRrBYyCAIEKASOTUUXVA',
  'MACoAFfARCODADGgDVvEXxHLKDLILTtMRNEeNGNPpOZzRTSRTQqUSWIYSYTyt',
  'NAMCLERFKGAICIUuLDORPLRUZL',
  'OMN',
  'PAKkANCNnERHLLWwNGgOLlRIRKkpRTtRYySEYFf',
  'QAT',
  'REUOUUSWA',
  'SAUDNENnGPGSgsHNJMLBbLELVvMROMPMpmRBrsSDTPURrVKkVNiWEeWZzXMYCcYR',
  'TCACDdGOHAJKKLKMmLSONTOUNnURrUVvWNZA',
  'UGAKRaMIRYySAZB',
  'VATCTENGBIRNMUT',
  'WLFfSM',
  'XKK',
  'YEM',
  'ZAFMBWE',
];

/** Alpha-3 code to alpha-2 code, for every ISO 3166-1 country, in alphabetical order. */
export const COUNTRY_ALPHA2: ReadonlyMap<string, string> = new Map(
  PACKED.flatMap((line) => {
    const first = line[0]!;
    return [...line.slice(1).matchAll(/([A-Z]{2})([a-z]{0,2})/g)].map(([, rest = '', twin = '']) => [
      first + rest,
      (twin.length === 2 ? twin : first + (twin || rest[0])).toUpperCase(),
    ]);
  }),
);

/** Every ISO 3166-1 alpha-3 code, in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = /* @__PURE__ */ Array.from(
  /* @__PURE__ */ COUNTRY_ALPHA2.keys(),
);

/** Countries whose addresses need a state (the API page: mandatory for Canada and the USA). */
export const COUNTRIES_REQUIRING_STATE: readonly string[] = ['USA', 'CAN'];
