import { Document, Image, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { formatLongDate } from './format';
import { ScriptText } from './parts/script-text';
import { SignatureBlock } from './parts/signature-block';
import { Verification } from './parts/verification';
import { documentMeta, TemplateNotRenderableError, type TemplateProps } from './template-props';

export type { TemplateImages } from './template-props';

const styles = StyleSheet.create({
  page: { padding: 48, color: '#1f2933', alignItems: 'center' },
  border: { position: 'absolute', top: 18, left: 18, right: 18, bottom: 18, borderWidth: 2, borderColor: '#3e4c59' },
  logo: { height: 56, maxWidth: 220, objectFit: 'contain', marginBottom: 12 },
  organisation: { fontSize: 14, marginTop: 8, textAlign: 'center' },
  title: { fontSize: 30, marginTop: 24 },
  lead: { fontSize: 12, marginTop: 20 },
  learner: { fontSize: 26, marginTop: 10, textAlign: 'center' },
  course: { fontSize: 18, marginTop: 10, textAlign: 'center' },
  detail: { fontSize: 11, marginTop: 6 },
  footer: {
    position: 'absolute',
    bottom: 40,
    left: 56,
    right: 56,
    flexDirection: 'row',
    justifyContent: 'space-between',
    alignItems: 'flex-end',
  },
  numbers: { alignItems: 'center' },
  small: { fontSize: 9, color: '#52606d' },
});

/** Certificate of completion for a (non-accredited) course: no AQF statement, no USI. */
export function CertificateOfCompletion({ snapshot, images, qrPng }: TemplateProps) {
  const { organisation, learner, course, issuingOfficer, credential } = snapshot;
  if (!course) throw new TemplateNotRenderableError('A certificate of completion needs a course enrolment');
  return (
    <Document {...documentMeta('Certificate of Completion', snapshot)}>
      <Page size="A4" orientation="landscape" style={styles.page}>
        <View style={styles.border} fixed />
        {images.logoPng ? <Image style={styles.logo} src={images.logoPng} /> : null}
        <ScriptText style={styles.organisation}>{organisation.name}</ScriptText>
        <Text style={styles.title}>Certificate of Completion</Text>
        <Text style={styles.lead}>This is to certify that</Text>
        <ScriptText style={styles.learner} bold>
          {learner.fullName}
        </ScriptText>
        <Text style={styles.lead}>has completed</Text>
        <ScriptText style={styles.course}>{course.name}</ScriptText>
        {course.completionDate ? (
          <Text style={styles.detail}>{`Completed on ${formatLongDate(course.completionDate)}`}</Text>
        ) : null}
        <Text style={styles.detail}>{`Date of issue ${formatLongDate(credential.credentialDate)}`}</Text>
        <View style={styles.footer}>
          <View>
            <SignatureBlock officer={issuingOfficer} signaturePng={images.signaturePng} />
          </View>
          <View style={styles.numbers}>
            <Text style={styles.small}>{`Certificate number ${credential.number}`}</Text>
            <Text style={styles.small}>{`RTO ${organisation.rtoCode}`}</Text>
          </View>
          <Verification url={credential.verificationUrl} qrPng={qrPng} />
        </View>
      </Page>
    </Document>
  );
}
