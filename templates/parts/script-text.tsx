import { Text } from '@react-pdf/renderer';
import type { Style } from '@react-pdf/types';
import { fontFor } from '../fonts';

interface ScriptTextProps {
  children: string;
  style?: Style | Style[];
  bold?: boolean;
  fixed?: boolean;
}

/** A Text whose font (and direction) suit the script of what it says: see fonts.ts. */
export function ScriptText({ children, style, bold = false, fixed }: ScriptTextProps) {
  const styles = Array.isArray(style) ? style : style ? [style] : [];
  return (
    <Text style={[...styles, fontFor(children, bold)]} fixed={fixed}>
      {children}
    </Text>
  );
}
