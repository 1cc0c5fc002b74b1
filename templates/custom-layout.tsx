import { Document, Image, Page, View } from '@react-pdf/renderer';
import type { CredentialSnapshot, SnapshotUnit } from '../domain/credentials/snapshot';
import {
  decodeLayoutImage,
  pageDimensions,
  type LayoutElement,
  type TemplateLayout,
  type UnitTableElement,
} from '../domain/templates/layout';
import { mergeText } from '../domain/templates/merge-fields';
import { ScriptText } from './parts/script-text';
import { headingHeight, unitPages } from './parts/unit-pages';
import { UnitTable } from './parts/unit-table';
import { achievedUnits, allResults } from './parts/units';
import { documentMeta, type TemplateImages, type TemplateProps } from './template-props';

const typeTitles: Record<string, string> = { Other: 'Credential' };

/** Splits the table's units into the pieces that fit its box, one piece a page. */
export function unitPagesFor(table: UnitTableElement, units: SnapshotUnit[]): SnapshotUnit[][] {
  const room = table.height - headingHeight(table.fontSize);
  return unitPages(
    units,
    { columns: table.columns, width: table.width, fontSize: table.fontSize },
    { first: room, others: room },
  );
}

const box = (e: LayoutElement) => ({
  position: 'absolute' as const,
  left: e.x,
  top: e.y,
  width: e.width,
  height: e.height,
});

function Element({
  element,
  snapshot,
  images,
  qrPng,
  logo,
  units,
}: {
  element: LayoutElement;
  snapshot: CredentialSnapshot;
  images: TemplateImages;
  qrPng: Buffer;
  logo: Buffer | null;
  units: SnapshotUnit[];
}) {
  switch (element.type) {
    case 'text':
      return (
        <View style={box(element)}>
          <ScriptText
            bold={element.bold}
            style={{ fontSize: element.fontSize, textAlign: element.align, color: element.color, lineHeight: 1.25 }}
          >
            {mergeText(element.text, snapshot)}
          </ScriptText>
        </View>
      );
    case 'logo':
      return logo ? <Image style={{ ...box(element), objectFit: 'contain' }} src={logo} /> : null;
    case 'nrtLogo':
      // Drawn as uploaded, proportions kept (parts/nrt-logo.tsx); nothing when the organisation has not uploaded it.
      return images.nrtLogoPng ? (
        <Image style={{ ...box(element), objectFit: 'contain' }} src={images.nrtLogoPng} />
      ) : null;
    case 'signature':
      return images.signaturePng ? (
        <Image style={{ ...box(element), objectFit: 'contain' }} src={images.signaturePng} />
      ) : null;
    case 'qrCode': {
      const side = Math.min(element.width, element.height);
      return (
        <Image
          style={{ position: 'absolute', left: element.x, top: element.y, width: side, height: side }}
          src={qrPng}
        />
      );
    }
    case 'issuingOfficer': {
      const officer = snapshot.issuingOfficer;
      if (!officer) return null;
      const style = { fontSize: element.fontSize, textAlign: element.align, lineHeight: 1.25 };
      return (
        <View style={box(element)}>
          <ScriptText style={style} bold>
            {officer.name}
          </ScriptText>
          <ScriptText style={style}>{officer.position}</ScriptText>
        </View>
      );
    }
    case 'unitTable':
      return (
        <View style={box(element)}>
          <UnitTable units={units} columns={element.columns} fontSize={element.fontSize} />
        </View>
      );
  }
}

/**
 * Renders a custom layout: every element at its position, over the background. When the unit table holds more
 * units than its box, the page repeats (background, text, QR code and all) with the next units, so every page
 * names the learner wherever the layout does.
 */
export function CustomLayoutDocument({ snapshot, images, qrPng, layout }: TemplateProps & { layout: TemplateLayout }) {
  const { width, height } = pageDimensions(layout.page);
  const background = layout.background ? decodeLayoutImage(layout.background) : null;
  const logo = (layout.logo ? decodeLayoutImage(layout.logo) : null) ?? images.logoPng;
  const table = layout.elements.find((e): e is UnitTableElement => e.type === 'unitTable');
  const units = table ? (table.units === 'all' ? allResults(snapshot) : achievedUnits(snapshot)) : [];
  const pages = table && units.length ? unitPagesFor(table, units) : [[]];
  const type = snapshot.credential.type;
  return (
    <Document {...documentMeta(typeTitles[type] ?? type, snapshot)}>
      {pages.map((pageUnits, i) => (
        <Page key={i} size={layout.page.size === 'Letter' ? 'LETTER' : 'A4'} orientation={layout.page.orientation}>
          {background ? (
            <Image fixed style={{ position: 'absolute', left: 0, top: 0, width, height }} src={background} />
          ) : null}
          {layout.elements.map((element, j) => (
            <Element
              key={j}
              element={element}
              snapshot={snapshot}
              images={images}
              qrPng={qrPng}
              logo={logo}
              units={pageUnits}
            />
          ))}
        </Page>
      ))}
    </Document>
  );
}
