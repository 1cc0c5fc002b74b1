import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { aqfRecognitionStatement } from '../domain/templates/statements';
import { formatLongDate } from './format';
import { LogoRow, nrtLogoSizes } from './parts/nrt-logo';
import { ScriptText } from './parts/script-text';
import { SignatureBlock } from './parts/signature-block';
import { Verification } from './parts/verification';
import { documentMeta, TemplateNotRenderableError, type TemplateProps } from './template-props';

const styles = StyleSheet.create({
  page: { paddingTop: 64, paddingHorizontal: 64, paddingBottom: 48, color: '#1f2933', alignItems: 'center' },
  border: { position: 'absolute', top: 22, left: 22, right: 22, bottom: 22, borderWidth: 1.5, borderColor: '#3e4c59' },
  inner: { position: 'absolute', top: 27, left: 27, right: 27, bottom: 27, borderWidth: 0.5, borderColor: '#9aa5b1' },
  logo: { height: 64, maxWidth: 240, objectFit: 'contain', marginBottom: 12 },
  organisation: { fontSize: 16, textAlign: 'center' },
  rto: { fontSize: 10, marginTop: 4, color: '#52606d' },
  lead: { fontSize: 12, marginTop: 44 },
  learner: { fontSize: 28, marginTop: 14, textAlign: 'center' },
  fulfilled: { fontSize: 12, marginTop: 26 },
  qualificationCode: { fontSize: 14, marginTop: 14 },
  qualificationTitle: { fontSize: 22, marginTop: 6, textAlign: 'center' },
  aqf: { fontSize: 10.5, marginTop: 36, textAlign: 'center', color: '#3e4c59', maxWidth: 360 },
  details: { marginTop: 28, alignItems: 'center' },
  detail: { fontSize: 10.5, marginTop: 4 },
  footer: {
    position: 'absolute',
    bottom: 52,
    left: 64,
    right: 64,
    flexDirection: 'row',
    justifyContent: 'space-between',
    alignItems: 'flex-end',
  },
});

/**
 * Testamur for a qualification: organisation and RTO code, learner, qualification code and title, the AQF
 * recognition statement, date of issue, unique number, issuing officer (signature when given), the organisation's
 * logo and the NRT logo when uploaded (see parts/nrt-logo.tsx).
 */
export function Testamur({ snapshot, images, qrPng }: TemplateProps) {
  const { organisation, learner, qualification, issuingOfficer, credential } = snapshot;
  if (!qualification) throw new TemplateNotRenderableError('A testamur needs a qualification enrolment');
  return (
    <Document {...documentMeta('Testamur', snapshot)}>
      <Page size="A4" style={styles.page}>
        <View style={styles.border} fixed />
        <View style={styles.inner} fixed />
        <LogoRow
          logoPng={images.logoPng}
          nrtLogoPng={images.nrtLogoPng ?? null}
          logoStyle={styles.logo}
          nrt={nrtLogoSizes.testamur}
          marginBottom={12}
        />
        <ScriptText style={styles.organisation} bold>
          {organisation.name}
        </ScriptText>
        <Text style={styles.rto}>{`RTO Code ${organisation.rtoCode}`}</Text>
        <Text style={styles.lead}>This is to certify that</Text>
        <ScriptText style={styles.learner} bold>
          {learner.fullName}
        </ScriptText>
        <Text style={styles.fulfilled}>has fulfilled the requirements for</Text>
        <ScriptText style={styles.qualificationCode}>{qualification.code}</ScriptText>
        <ScriptText style={styles.qualificationTitle} bold>
          {qualification.title}
        </ScriptText>
        <Text style={styles.aqf}>{aqfRecognitionStatement}</Text>
        <View style={styles.details}>
          <Text style={styles.detail}>{`Date of issue ${formatLongDate(credential.credentialDate)}`}</Text>
          <Text style={styles.detail}>{`Certificate number ${credential.number}`}</Text>
        </View>
        <View style={styles.footer}>
          <View>
            <SignatureBlock officer={issuingOfficer} signaturePng={images.signaturePng} />
          </View>
          <Verification url={credential.verificationUrl} qrPng={qrPng} />
        </View>
      </Page>
    </Document>
  );
}
