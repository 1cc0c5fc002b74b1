import { Image, StyleSheet, View } from '@react-pdf/renderer';
import type { Style } from '@react-pdf/types';
import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { ScriptText } from './script-text';

const styles = StyleSheet.create({
  block: { width: 190 },
  signature: { height: 38, width: 150, objectFit: 'contain', objectPositionX: 0, marginBottom: 2 },
  line: { borderTopWidth: 0.75, borderTopColor: '#3e4c59', paddingTop: 3 },
  name: { fontSize: 10 },
  position: { fontSize: 9, color: '#52606d' },
});

/** The issuing officer: signature image over a line, then name and position. Nothing when no officer was named. */
export function SignatureBlock({
  officer,
  signaturePng,
  align = 'left',
}: {
  officer: CredentialSnapshot['issuingOfficer'];
  signaturePng: Buffer | null;
  align?: 'left' | 'center';
}) {
  if (!officer) return null;
  const textAlign: Style = { textAlign: align };
  return (
    <View style={styles.block} wrap={false}>
      {signaturePng ? <Image style={styles.signature} src={signaturePng} /> : <View style={{ height: 40 }} />}
      <View style={styles.line}>
        <ScriptText style={[styles.name, textAlign]}>{officer.name}</ScriptText>
        <ScriptText style={[styles.position, textAlign]}>{officer.position}</ScriptText>
      </View>
    </View>
  );
}
