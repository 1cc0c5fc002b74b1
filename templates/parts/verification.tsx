import { Image, StyleSheet, Text, View } from '@react-pdf/renderer';

const styles = StyleSheet.create({
  block: { flexDirection: 'row', alignItems: 'center' },
  qr: { width: 62, height: 62 },
  words: { marginLeft: 6, maxWidth: 170 },
  small: { fontSize: 7.5, color: '#52606d' },
});

/** The QR code of the verification URL, with the URL written beside it for people without a camera. */
export function Verification({ url, qrPng }: { url: string; qrPng: Buffer }) {
  return (
    <View style={styles.block} wrap={false}>
      <Image style={styles.qr} src={qrPng} />
      <View style={styles.words}>
        <Text style={styles.small}>Check this credential is genuine:</Text>
        <Text style={styles.small}>{url}</Text>
      </View>
    </View>
  );
}
