import { Document, Image, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { CredentialSnapshot } from '../domain/credentials/snapshot';
import { formatLongDate } from './format';

export interface TemplateImages {
  logoPng: Buffer | null;
  signaturePng: Buffer | null;
}

const styles = StyleSheet.create({
  page: { padding: 48, fontFamily: 'Helvetica', color: '#1f2933', alignItems: 'center' },
  border: { position: 'absolute', top: 18, left: 18, right: 18, bottom: 18, borderWidth: 2, borderColor: '#3e4c59' },
  logo: { height: 56, objectFit: 'contain', marginBottom: 12 },
  organisation: { fontSize: 14, marginTop: 8 },
  title: { fontSize: 30, fontFamily: 'Helvetica-Bold', marginTop: 28 },
  lead: { fontSize: 12, marginTop: 24 },
  learner: { fontSize: 26, fontFamily: 'Helvetica-Bold', marginTop: 10 },
  course: { fontSize: 18, marginTop: 10, textAlign: 'center' },
  detail: { fontSize: 11, marginTop: 6 },
  footer: { position: 'absolute', bottom: 44, left: 56, right: 56, flexDirection: 'row', justifyContent: 'space-between' },
  officer: { fontSize: 10 },
  signature: { height: 36, objectFit: 'contain', marginBottom: 4 },
  small: { fontSize: 9, color: '#52606d' },
});

/** Certificate of completion for a (non-accredited) course: no AQF statement, no USI. */
export function CertificateOfCompletion({ snapshot, images }: { snapshot: CredentialSnapshot; images: TemplateImages }) {
  const { organisation, learner, course, issuingOfficer, credential } = snapshot;
  if (!course) throw new Error('A certificate of completion needs a course enrolment');
  return (
    <Document
      title={`Certificate of Completion ${credential.number}`}
      author={organisation.name}
      subject={credential.number}
      creator="credentials-engine"
      producer="credentials-engine"
    >
      <Page size="A4" orientation="landscape" style={styles.page}>
        <View style={styles.border} fixed />
        {images.logoPng ? <Image style={styles.logo} src={images.logoPng} /> : null}
        <Text style={styles.organisation}>{organisation.name}</Text>
        <Text style={styles.title}>Certificate of Completion</Text>
        <Text style={styles.lead}>This is to certify that</Text>
        <Text style={styles.learner}>{learner.fullName}</Text>
        <Text style={styles.lead}>has completed</Text>
        <Text style={styles.course}>{course.name}</Text>
        {course.completionDate ? (
          <Text style={styles.detail}>Completed on {formatLongDate(course.completionDate)}</Text>
        ) : null}
        <Text style={styles.detail}>Date of issue {formatLongDate(credential.credentialDate)}</Text>
        <View style={styles.footer}>
          <View>
            {images.signaturePng ? <Image style={styles.signature} src={images.signaturePng} /> : null}
            {issuingOfficer ? <Text style={styles.officer}>{issuingOfficer.name}</Text> : null}
            {issuingOfficer ? <Text style={styles.small}>{issuingOfficer.position}</Text> : null}
          </View>
          <View style={{ alignItems: 'flex-end' }}>
            <Text style={styles.small}>Certificate number {credential.number}</Text>
            <Text style={styles.small}>RTO {organisation.rtoCode}</Text>
            <Text style={styles.small}>Verify at {credential.verificationUrl}</Text>
          </View>
        </View>
      </Page>
    </Document>
  );
}
