import { Image, View } from '@react-pdf/renderer';
import type { Style } from '@react-pdf/types';

/**
 * Where the Nationally Recognised Training logo goes, and why (checked against the current texts, December 2026):
 *
 * - Standards for RTOs 2025, Compliance Standards (F2025L00355), section 13 and Schedule 2, the NRT Logo Conditions
 *   of Use Policy, clause 4: "The NRT Logo must be depicted on all AQF certification documentation issued by an NVR
 *   registered training organisation" and "must not be depicted on other testamurs or transcripts of results"
 *   (wa.gov.au, "Schedule 2 – Nationally Recognised Training Logo Conditions Of Use Policy").
 * - The same Compliance Standards, issuance of AQF certification documentation: testamurs must include "the name, RTO
 *   code and logo of the issuing organisation", the code and title of the qualification, and "the NRT Logo in
 *   accordance with the NRT Logo Conditions of Use Policy" (wa.gov.au, "Integrity of Nationally Recognised Training
 *   Products"); statements of attainment likewise carry the NRT logo (ASQA's sample forms of AQF certification
 *   documentation).
 * - The NRT logo specifications (ASQA) fix the artwork's colours, font and file formats; they set no size or position,
 *   but the logo's proportions must not be altered (rtoadvice.com.au, "Nationally Recognised Training logo
 *   specifications").
 *
 * So: the built-in testamur and statement of attainment draw the organisation's uploaded NRT logo beside the
 * organisation's own logo, above its name and RTO code; the record of results (a transcript of results) and the
 * certificate of completion (not AQF documentation) never draw it, even when it is uploaded. The artwork is drawn as
 * uploaded: never recoloured, tinted, cropped or rotated, scaled only as a whole (objectFit contain keeps its
 * proportions). Size and clear space are ours, since the specifications leave them open: at least 15 mm tall on the
 * testamur and statement, with clear space of a quarter of its height on every side, so nothing crowds it.
 */
export const nrtLogoSizes = {
  /** 56 pt = 19.8 mm on the testamur. */
  testamur: { height: 56, maxWidth: 112 },
  /** 44 pt = 15.5 mm on the statement of attainment, whose first page also carries the unit table. */
  statement: { height: 44, maxWidth: 96 },
} as const;

/** Custom layouts: an nrtLogo element at least this tall (10 mm), so the mark stays legible. */
export const minNrtLogoHeight = 28.35;

/** The clear space around the logo: a quarter of its height on every side. */
export const clearSpace = (height: number) => height / 4;

/**
 * The organisation's logo and the NRT logo side by side, centred, each at the given height; either may be absent.
 * Nothing else is drawn within the NRT logo's clear space (the margins below).
 */
export function LogoRow({
  logoPng,
  nrtLogoPng,
  logoStyle,
  nrt,
  marginBottom,
}: {
  logoPng: Buffer | null;
  nrtLogoPng: Buffer | null;
  logoStyle: Style;
  nrt: { height: number; maxWidth: number };
  marginBottom: number;
}) {
  if (!logoPng && !nrtLogoPng) return null;
  const space = clearSpace(nrt.height);
  return (
    <View style={{ flexDirection: 'row', justifyContent: 'center', alignItems: 'center', marginBottom }}>
      {logoPng ? <Image style={{ ...logoStyle, marginBottom: 0 }} src={logoPng} /> : null}
      {nrtLogoPng ? (
        <Image
          style={{
            height: nrt.height,
            maxWidth: nrt.maxWidth,
            objectFit: 'contain',
            marginLeft: logoPng ? space * 2 : 0,
            marginVertical: space,
          }}
          src={nrtLogoPng}
        />
      ) : null}
    </View>
  );
}
