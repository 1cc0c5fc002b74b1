import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { statementOfAttainmentStatement } from '../domain/templates/statements';
import { formatLongDate } from './format';
import { clearSpace, LogoRow, nrtLogoSizes } from './parts/nrt-logo';
import { RunningFooter, RunningHeader } from './parts/running-header';
import { ScriptText } from './parts/script-text';
import { SignatureBlock } from './parts/signature-block';
import { estimatedLines, headingHeight, unitPages, type TableShape } from './parts/unit-pages';
import { UnitTable } from './parts/unit-table';
import { achievedUnits } from './parts/units';
import { Verification } from './parts/verification';
import { documentMeta, TemplateNotRenderableError, type TemplateProps } from './template-props';

const title = 'Statement of Attainment';
const page = { top: 84, side: 48, bottom: 56 };
const contentHeight = 841.89 - page.top - page.bottom;
const table: TableShape = { columns: ['code', 'title'], width: 595.28 - 2 * page.side, fontSize: 9.5 };

const styles = StyleSheet.create({
  page: { paddingTop: page.top, paddingHorizontal: page.side, paddingBottom: page.bottom, color: '#1f2933' },
  top: { alignItems: 'center', marginBottom: 18 },
  logo: { height: 48, maxWidth: 200, objectFit: 'contain', marginBottom: 8 },
  title: { fontSize: 22, marginTop: 4 },
  lead: { fontSize: 11, marginTop: 16 },
  learner: { fontSize: 20, marginTop: 8, textAlign: 'center' },
  attained: { fontSize: 11, marginTop: 12, textAlign: 'center' },
  partOf: { fontSize: 9.5, marginTop: 10, color: '#3e4c59' },
  statement: { fontSize: 9.5, marginTop: 18, color: '#3e4c59' },
  details: { marginTop: 12 },
  detail: { fontSize: 10, marginTop: 3 },
  closing: { marginTop: 20, flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end' },
});

/**
 * Statement of attainment: each achieved unit's code and full title, and the statement the rules require. Never the
 * AQF recognition statement (that belongs on testamurs). The NRT logo beside the organisation's logo when uploaded
 * (see parts/nrt-logo.tsx). Long lists run onto more pages, each naming the learner and
 * the number and repeating the table heading.
 */
export function StatementOfAttainment({ snapshot, images, qrPng }: TemplateProps) {
  const { organisation, learner, qualification, issuingOfficer, credential } = snapshot;
  const units = achievedUnits(snapshot);
  if (!units.length) throw new TemplateNotRenderableError('A statement of attainment needs at least one achieved unit');
  // The opening block above the table, generously estimated: logo, title, lead, the name (maybe two lines), "has
  // attained".
  const nrt = nrtLogoSizes.statement;
  const logos = images.nrtLogoPng ? Math.max(48, nrt.height + 2 * clearSpace(nrt.height)) + 8 : images.logoPng ? 56 : 0;
  const intro = logos + 130 + estimatedLines(learner.fullName, table.width, 20) * 26;
  const rooms = {
    first: contentHeight - intro - headingHeight(table.fontSize),
    others: contentHeight - headingHeight(table.fontSize),
  };
  // After the table: the qualification line, the required statement, issue details, signature and QR code.
  const closing =
    200 +
    (qualification
      ? estimatedLines(`These units are part of ${qualification.code} ${qualification.title}.`, table.width, 9.5) * 12
      : 0);
  const pages = unitPages(units, table, rooms, closing);
  return (
    <Document {...documentMeta(title, snapshot)}>
      {pages.map((rows, i) => (
        <Page key={i} size="A4" style={styles.page}>
          <RunningHeader snapshot={snapshot} title={title} />
          {i === 0 ? (
            <View style={styles.top}>
              <LogoRow
                logoPng={images.logoPng}
                nrtLogoPng={images.nrtLogoPng ?? null}
                logoStyle={styles.logo}
                nrt={nrt}
                marginBottom={8}
              />
              <Text style={styles.title}>{title}</Text>
              <Text style={styles.lead}>This is a statement that</Text>
              <ScriptText style={styles.learner} bold>
                {learner.fullName}
              </ScriptText>
              <Text style={styles.attained}>
                {units.length === 1
                  ? 'has attained the following unit of competency'
                  : 'has attained the following units of competency'}
              </Text>
            </View>
          ) : null}
          <UnitTable units={rows} columns={table.columns} fontSize={table.fontSize} />
          {i === pages.length - 1 ? (
            <>
              {qualification ? (
                <ScriptText
                  style={styles.partOf}
                >{`These units are part of ${qualification.code} ${qualification.title}.`}</ScriptText>
              ) : null}
              <Text style={styles.statement}>{statementOfAttainmentStatement}</Text>
              <View style={styles.details} wrap={false}>
                <ScriptText
                  style={styles.detail}
                >{`Issued by ${organisation.name}, RTO Code ${organisation.rtoCode}`}</ScriptText>
                <Text style={styles.detail}>{`Date of issue ${formatLongDate(credential.credentialDate)}`}</Text>
                <Text style={styles.detail}>{`Statement number ${credential.number}`}</Text>
              </View>
              <View style={styles.closing} wrap={false}>
                <View>
                  <SignatureBlock officer={issuingOfficer} signaturePng={images.signaturePng} />
                </View>
                <Verification url={credential.verificationUrl} qrPng={qrPng} />
              </View>
            </>
          ) : null}
          <RunningFooter snapshot={snapshot} title={title} />
        </Page>
      ))}
    </Document>
  );
}
