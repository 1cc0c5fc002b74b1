import { StyleSheet, Text, View } from '@react-pdf/renderer';
import type { CredentialSnapshot } from '../../domain/credentials/snapshot';
import { ScriptText } from './script-text';

const styles = StyleSheet.create({
  header: {
    position: 'absolute',
    top: 28,
    left: 48,
    right: 48,
    borderBottomWidth: 0.75,
    borderBottomColor: '#9aa5b1',
    paddingBottom: 5,
  },
  row: { flexDirection: 'row', justifyContent: 'space-between', alignItems: 'flex-end' },
  organisation: { fontSize: 9, color: '#3e4c59' },
  title: { fontSize: 9, color: '#3e4c59' },
  learner: { fontSize: 10, marginTop: 3 },
  number: { fontSize: 9, marginTop: 3 },
  footer: {
    position: 'absolute',
    bottom: 24,
    left: 48,
    right: 48,
    flexDirection: 'row',
    justifyContent: 'space-between',
  },
  small: { fontSize: 7.5, color: '#52606d' },
});

/**
 * Printed on every page of a document that may run to several: who it belongs to and its number, so a loose page
 * still says whose it is, and "Page n of N" so a missing page shows.
 */
export function RunningHeader({ snapshot, title }: { snapshot: CredentialSnapshot; title: string }) {
  const { organisation, learner, credential } = snapshot;
  return (
    <View style={styles.header} fixed>
      <View style={styles.row}>
        <ScriptText style={styles.organisation}>{`${organisation.name} · RTO ${organisation.rtoCode}`}</ScriptText>
        <Text style={styles.title}>{title}</Text>
      </View>
      <View style={styles.row}>
        <ScriptText style={styles.learner} bold>
          {learner.fullName}
        </ScriptText>
        <Text style={styles.number}>{`Number ${credential.number}`}</Text>
      </View>
    </View>
  );
}

export function RunningFooter({ snapshot, title }: { snapshot: CredentialSnapshot; title: string }) {
  return (
    <View style={styles.footer} fixed>
      <Text style={styles.small}>{`${title} ${snapshot.credential.number}`}</Text>
      <Text style={styles.small} render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </View>
  );
}
