import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { formatLongDate } from './format';
import { RunningFooter, RunningHeader } from './parts/running-header';
import { ScriptText } from './parts/script-text';
import { SignatureBlock } from './parts/signature-block';
import { headingHeight, unitPages, type TableShape } from './parts/unit-pages';
import { UnitTable } from './parts/unit-table';
import { allResults } from './parts/units';
import { Verification } from './parts/verification';
import { documentMeta, type TemplateProps } from './template-props';

const title = 'Record of Results';
const page = { top: 84, side: 48, bottom: 56 };
const contentHeight = 841.89 - page.top - page.bottom;
const table: TableShape = { columns: ['code', 'title', 'outcome', 'date'], width: 595.28 - 2 * page.side, fontSize: 9 };
/** Title and facts above the table on the first page, and the signature and QR code after it, generously estimated. */
const firstPageIntro = 120;
const closingHeight = 100;

const styles = StyleSheet.create({
  page: { paddingTop: page.top, paddingHorizontal: page.side, paddingBottom: page.bottom, color: '#1f2933' },
  title: { fontSize: 20, marginBottom: 10 },
  facts: { marginBottom: 14 },
  fact: { fontSize: 10, marginTop: 3 },
  none: { fontSize: 10, marginTop: 8, color: '#52606d' },
  closing: { marginTop: 24, flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end' },
});

/**
 * Record of results: every unit with its outcome and date, as many pages as the list needs, each page naming the
 * learner and the number and repeating the table heading. No AQF recognition statement: a record is not a
 * qualification. Should the closing block not fit under the last rows, react-pdf carries it to one more page.
 */
export function RecordOfResults({ snapshot, images, qrPng }: TemplateProps) {
  const { organisation, qualification, course, issuingOfficer, credential } = snapshot;
  const units = allResults(snapshot);
  const rooms = {
    first: contentHeight - firstPageIntro - headingHeight(table.fontSize),
    others: contentHeight - headingHeight(table.fontSize),
  };
  const pages = unitPages(units, table, rooms, closingHeight);
  return (
    <Document {...documentMeta(title, snapshot)}>
      {pages.map((rows, i) => (
        <Page key={i} size="A4" style={styles.page}>
          <RunningHeader snapshot={snapshot} title={title} />
          {i === 0 ? (
            <>
              <Text style={styles.title}>{title}</Text>
              <View style={styles.facts}>
                {qualification ? (
                  <ScriptText
                    style={styles.fact}
                  >{`Qualification: ${qualification.code} ${qualification.title}`}</ScriptText>
                ) : null}
                {!qualification && course ? (
                  <ScriptText style={styles.fact}>{`Course: ${course.code} ${course.name}`}</ScriptText>
                ) : null}
                <ScriptText
                  style={styles.fact}
                >{`Issued by ${organisation.name}, RTO Code ${organisation.rtoCode}`}</ScriptText>
                <Text style={styles.fact}>{`Date of issue ${formatLongDate(credential.credentialDate)}`}</Text>
              </View>
            </>
          ) : null}
          {rows.length ? (
            <UnitTable units={rows} columns={table.columns} fontSize={table.fontSize} />
          ) : (
            <Text style={styles.none}>No results are recorded for this enrolment.</Text>
          )}
          {i === pages.length - 1 ? (
            <View style={styles.closing} wrap={false}>
              <View>
                <SignatureBlock officer={issuingOfficer} signaturePng={images.signaturePng} />
              </View>
              <Verification url={credential.verificationUrl} qrPng={qrPng} />
            </View>
          ) : null}
          <RunningFooter snapshot={snapshot} title={title} />
        </Page>
      ))}
    </Document>
  );
}
