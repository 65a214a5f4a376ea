/**
 * ISO 3166-1 country codes: every alpha-3 code (what SmartPay takes) with its alpha-2 twin (what
 * Intl.DisplayNames names). Packed for the browser: one token per possible alpha-2 code, AA to ZZ
 * in order (676), which gives the alpha-2 code; the token gives the alpha-3 code:
 * - `=`: no such country;
 * - a lower-case letter: the alpha-2 code, then that letter (AF `g`: AFG);
 * - an upper-case letter: that letter between the two (AW `B`: ABW);
 * - `,` and the code itself, for the 21 that follow neither rule (AQ `,ata`: ATA).
 * Characters chosen for what gzips best among the rest of the widget's file. Sorted by alpha-3
 * code after unpacking. Checked against i18n-iso-countries by test/countries.test.ts.
 */
const PACKED = `===NRgT=a==bR=G=,atagmUs=B,ala=e,bihR=GlarrD,ben=muRl=,besaHn=ta=,blrLn=kO=AOev=OHrHl==i==bPUrpe====u====iN=a=m==========a==u=,est=yS=========iph==============niL=S=R==a========br=RoUyab==RbI=LNc,sgsmm=,gnb=U===========g=dd===v=in========n,irl======,isrndt=Rnla==========y=======A=rn==============n=zmr===,coma=,prk=O====t=,cymAona=====e=a======Bouxa==B=r=oaNADl==dirg,macNTtrLsDiEsOm=l=rka=c==d==rl=u==I====l============n=============n===rYNl==AO,spmC===ieR==L=R=t=============================u=========u===,srb=s=a===uLYnW=pn,svnmVerEm==Udp=L=mrW==aC=,atfoa=klsKUn==U=o=Un==a,ukr=====a=====i=====a=====Rbt=t=n=b=r====m======t==========L============m=================k===================m==============,myt======f===========b=========e===`;

/** Alpha-3 code to alpha-2 code, for every ISO 3166-1 country, in alphabetical order. */
export const COUNTRY_ALPHA2: ReadonlyMap<string, string> = new Map(
  PACKED.match(/,...|./g)!
    .flatMap((token, i) => {
      // fromCharCode drops the fraction of i / 26.
      const two = String.fromCharCode(65 + i / 26, 65 + (i % 26));
      const three = (
        token[1] ? token.slice(1) : token < 'a' ? two[0] + token + two[1] : two + token
      ).toUpperCase();
      return token === '=' ? [] : [[three, two] as const];
    })
    .sort(),
);

/** Every ISO 3166-1 alpha-3 code, in alphabetical order. */
export const COUNTRY_CODES: readonly string[] = /* @__PURE__ */ Array.from(
  /* @__PURE__ */ COUNTRY_ALPHA2.keys(),
);

/** Countries whose addresses need a state (the API page: mandatory for Canada and the USA). */
export const COUNTRIES_REQUIRING_STATE: readonly string[] = ['USA', 'CAN'];
