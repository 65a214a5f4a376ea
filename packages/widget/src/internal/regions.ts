/**
 * The states of the USA and the provinces and territories of Canada (the countries whose addresses
 * need a `state`), as postal codes with their names: offered as a list instead of a code to type.
 * Names stay in English (Québec excepted), as addresses there are written. Packed as `CCName|…`.
 */
const PACKED: Readonly<Record<string, string>> = {
  USA:
    'ALAlabama|AKAlaska|AZArizona|ARArkansas|CACalifornia|COColorado|CTConnecticut|DEDelaware|' +
    'DCDistrict of Columbia|FLFlorida|GAGeorgia|HIHawaii|IDIdaho|ILIllinois|INIndiana|IAIowa|KSKansas|' +
    'KYKentucky|LALouisiana|MEMaine|MDMaryland|MAMassachusetts|MIMichigan|MNMinnesota|MSMississippi|' +
    'MOMissouri|MTMontana|NENebraska|NVNevada|NHNew Hampshire|NJNew Jersey|NMNew Mexico|NYNew York|' +
    'NCNorth Carolina|NDNorth Dakota|OHOhio|OKOklahoma|OROregon|PAPennsylvania|RIRhode Island|' +
    'SCSouth Carolina|SDSouth Dakota|TNTennessee|TXTexas|UTUtah|VTVermont|VAVirginia|WAWashington|' +
    'WVWest Virginia|WIWisconsin|WYWyoming|ASAmerican Samoa|GUGuam|MPNorthern Mariana Islands|' +
    'PRPuerto Rico|VIU.S. Virgin Islands|AAArmed Forces Americas|AEArmed Forces Europe|APArmed Forces Pacific',
  CAN:
    'ABAlberta|BCBritish Columbia|MBManitoba|NBNew Brunswick|NLNewfoundland and Labrador|' +
    'NTNorthwest Territories|NSNova Scotia|NUNunavut|ONOntario|PEPrince Edward Island|QCQuébec|' +
    'SKSaskatchewan|YTYukon',
};

/** The regions of a country that needs one, as `[code, name]`; empty for any other country. */
export const regionsOf = (country: string): (readonly [code: string, name: string])[] =>
  (PACKED[country]?.split('|') ?? []).map((entry) => [entry.slice(0, 2), entry.slice(2)]);
