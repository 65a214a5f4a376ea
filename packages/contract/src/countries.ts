/**
 * ISO 3166-1 country codes: every alpha-3 code (what SmartPay takes) with its alpha-2 twin (what
 * Intl.DisplayNames names). Packed for the browser (0.67 KB gzipped): each alpha-3 code, followed
 * by its alpha-2 code in lower case only where that is not the alpha-3 code's first two letters.
 * Checked against i18n-iso-countries by test/countries.test.ts.
 */
const PACKED =
  'ABWawAFGAGOaoAIAALAaxALBANDadAREaeARGARMamASMATAaqATFtfATGagAUSAUTatAZEBDIbiBELBENbjBESbqBFA' +
  'BGDbdBGRBHRBHSbsBIHbaBLMBLRbyBLZbzBMUBOLBRABRBbbBRNbnBTNBVTBWACAFcfCANCCKCHECHLclCHNcnCIVCMR' +
  'CODcdCOGcgCOKckCOLCOMkmCPVcvCRICUBCUWcwCXRCYMkyCYPCZEDEUDJIDMADNKdkDOMDZAECUEGYERIESHehESPES' +
  'TeeETHFINFJIFLKfkFRAFROfoFSMfmGABGBRGEOGGYGHAGIBGINgnGLPgpGMBGNBgwGNQgqGRCGRDgdGRLglGTMGUFgf' +
  'GUMGUYgyHKGHMDHNDHRVHTIHUNIDNIMNINDIOTIRLieIRNIRQiqISLISRilITAJAMjmJEYJORJPNKAZkzKENKGZKHMKI' +
  'RKNAKORkrKWTLAOLBNLBRlrLBYlyLCALIELKALSOLTULUXLVAMACmoMAFmfMARMCOMDAMDGmgMDVmvMEXmxMHLMKDMLI' +
  'MLTmtMMRMNEmeMNGMNPmpMOZmzMRTMSRMTQmqMUSMWIMYSMYTytNAMNCLNERNFKNGANICNIUnuNLDNORNPLNRUNZLOMN' +
  'PAKpkPANPCNpnPERPHLPLWpwPNGpgPOLplPRIPRKkpPRTptPRYpyPSEPYFpfQATREUROURUSRWASAUSDNSENsnSGPSGS' +
  'gsSHNSJMSLBsbSLESLVsvSMRSOMSPMpmSRBrsSSDSTPSURsrSVKskSVNsiSWEseSWZszSXMSYCscSYRTCATCDtdTGOTH' +
  'ATJKTKLTKMtmTLSTONTTOTUNtnTURtrTUVtvTWNTZAUGAUKRuaUMIURYuyUSAUZBVATVCTVENVGBVIRVNMVUTWLFwfWS' +
  'MXKKYEMZAFZMBZWE';

/** Alpha-3 code to alpha-2 code, for every ISO 3166-1 country. */
export const COUNTRY_ALPHA2: ReadonlyMap<string, string> = new Map(
  [...PACKED.matchAll(/([A-Z]{3})([a-z]{2})?/g)].map(([, alpha3, alpha2]) => [
    alpha3!,
    alpha2?.toUpperCase() ?? alpha3!.slice(0, 2),
  ]),
);

/** Every ISO 3166-1 alpha-3 code, in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = [...COUNTRY_ALPHA2.keys()];

/** Countries whose addresses need a state (the API page: mandatory for Canada and the USA). */
export const COUNTRIES_REQUIRING_STATE: readonly string[] = ['USA', 'CAN'];
