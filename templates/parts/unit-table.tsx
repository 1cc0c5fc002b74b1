import { StyleSheet, Text, View } from '@react-pdf/renderer';
import type { SnapshotUnit } from '../../domain/credentials/snapshot';
import { cellLineHeight, cellPaddingRight, cellText, unitColumnShares, type UnitTableColumn } from './unit-pages';
import { ScriptText } from './script-text';

export type { UnitTableColumn };

const headings: Record<UnitTableColumn, string> = {
  code: 'Unit code',
  title: 'Unit title',
  outcome: 'Outcome',
  date: 'Date',
};

const styles = StyleSheet.create({
  head: {
    flexDirection: 'row',
    borderBottomWidth: 0.75,
    borderBottomColor: '#3e4c59',
    paddingBottom: 3,
    marginBottom: 2,
  },
  row: { flexDirection: 'row', borderBottomWidth: 0.25, borderBottomColor: '#cbd2d9', paddingVertical: 3 },
  heading: { color: '#3e4c59' },
  cell: { paddingRight: cellPaddingRight, lineHeight: cellLineHeight },
});

/** One page's piece of a unit table (see unit-pages.ts): the heading, then one row a unit. A row never splits. */
export function UnitTable({
  units,
  columns,
  fontSize,
}: {
  units: SnapshotUnit[];
  columns: UnitTableColumn[];
  fontSize: number;
}) {
  const total = columns.reduce((sum, c) => sum + unitColumnShares[c], 0);
  const width = (c: UnitTableColumn) => `${(unitColumnShares[c] / total) * 100}%`;
  return (
    <View>
      <View style={styles.head}>
        {columns.map((c) => (
          <Text key={c} style={[styles.cell, styles.heading, { width: width(c), fontSize }]}>
            {headings[c]}
          </Text>
        ))}
      </View>
      {units.map((unit) => (
        <View key={unit.code} style={styles.row} wrap={false}>
          {columns.map((c) => (
            <ScriptText key={c} style={[styles.cell, { width: width(c), fontSize }]}>
              {cellText(unit, c)}
            </ScriptText>
          ))}
        </View>
      ))}
    </View>
  );
}
