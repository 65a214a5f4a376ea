/**
 * The states of the USA and the provinces and territories of Canada (the countries whose addresses
 * need a `state`), as postal codes with their names, packed as `CCName|…`. A chunk of its own
 * (`states.js`), loaded when a shopper picks one of the two countries. Names stay in English
 * (Québec excepted), as addresses there are written.
 */
export default {
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
} as Readonly<Record<string, string>>;
