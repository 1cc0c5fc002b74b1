import { ErrorMessage, Loading } from '../../components/feedback';
import { useLayoutPreview, useObjectUrl } from './api';

/**
 * A custom layout's JSON beside its live preview: the API renders the unsaved text with sample data once it has
 * rested for 600 ms; a layout it refuses shows its message in words instead of the preview.
 */
export function LayoutEditor({
  type,
  text,
  onChange,
}: {
  type: string;
  text: string;
  onChange: (text: string) => void;
}) {
  const preview = useLayoutPreview(type, text);
  const url = useObjectUrl(preview.isError ? undefined : preview.data);
  return (
    <div className="split layout-editor">
      <div>
        <label htmlFor="layout-json">Layout (JSON)</label>
        <textarea
          id="layout-json"
          rows={26}
          spellCheck={false}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby="layout-hint"
        />
        <p id="layout-hint" className="hint">
          Positions and sizes in points from the top-left corner. Elements: text (with merge fields such as{' '}
          <code>{'{{learner.fullName}}'}</code>), logo, signature, qrCode, nrtLogo, issuingOfficer, unitTable. The
          preview uses sample data.
        </p>
      </div>
      <div className="layout-preview" aria-live="polite">
        {preview.isError ? (
          <ErrorMessage error={preview.error} title="The layout cannot be previewed" />
        ) : url ? (
          <iframe title="Layout preview" src={url} />
        ) : (
          <Loading what="Rendering the preview" />
        )}
        {preview.isFetching && url && <p className="muted">Refreshing the preview…</p>}
      </div>
    </div>
  );
}
