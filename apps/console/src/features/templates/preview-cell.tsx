import type { ReactNode } from 'react';
import type { PdfTab } from './api';

/** A table cell with the button that opens a template's sample-data preview in a new tab. */
export function PreviewCell({ tab, load, children }: { tab: PdfTab; load: () => Promise<Blob>; children: ReactNode }) {
  return (
    <td>
      <button type="button" className="secondary" onClick={() => tab.open(load)}>
        {children}
      </button>
    </td>
  );
}
