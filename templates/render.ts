import type { ReactElement } from 'react';
import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import type { CredentialSnapshot } from '../domain/credentials/snapshot';
import type { BuiltinKey } from '../domain/templates/builtins';
import { validateLayout } from '../domain/templates/layout';
import { mergeText } from '../domain/templates/merge-fields';
import { CertificateOfCompletion } from './certificate-of-completion';
import { CustomLayoutDocument } from './custom-layout';
import { loadFontsFor, UnprintableTextError } from './fonts';
import { qrCodePng } from './parts/qr-code';
import { RecordOfResults } from './record-of-results';
import { StatementOfAttainment } from './statement-of-attainment';
import { TemplateNotRenderableError, type TemplateImages, type TemplateProps } from './template-props';
import { Testamur } from './testamur';

export { TemplateNotRenderableError };
export type { TemplateImages };

type TemplateComponent = (props: TemplateProps) => ReactElement;

const builtins: Record<BuiltinKey, TemplateComponent> = {
  testamur: Testamur,
  'statement-of-attainment': StatementOfAttainment,
  'record-of-results': RecordOfResults,
  'certificate-of-completion': CertificateOfCompletion,
};

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* stringsIn(item);
}

/**
 * Renders a credential's snapshot with its template: a built-in component, or for a custom template the layout of
 * the version the credential records. Pure: data in, PDF bytes out. Throws TemplateNotRenderableError when the data
 * cannot make the document (wrong kind of enrolment, a stored layout that no longer validates, a character no
 * bundled font has).
 */
export async function renderCredentialPdf(
  snapshot: CredentialSnapshot,
  images: TemplateImages,
  layout?: unknown,
): Promise<Buffer> {
  const key = snapshot.template.builtinKey as BuiltinKey | null;
  const props: TemplateProps = { snapshot, images, qrPng: qrCodePng(snapshot.credential.verificationUrl) };
  const texts = [...stringsIn(snapshot)];
  let render: () => ReactElement;
  if (key) {
    const component = builtins[key];
    if (!component) throw new TemplateNotRenderableError(`Template ${key} has no renderer`);
    render = () => component(props);
  } else {
    if (layout === undefined || layout === null) {
      throw new TemplateNotRenderableError(
        `Template ${snapshot.template.id} version ${snapshot.template.version} has no layout`,
      );
    }
    const checked = validateLayout(layout, { templateType: snapshot.credential.type });
    if (!checked.layout) {
      const problems = checked.problems.flatMap((p) => p.messages).join('; ');
      throw new TemplateNotRenderableError(
        `Template ${snapshot.template.id} version ${snapshot.template.version} has an invalid layout: ${problems}`,
      );
    }
    const valid = checked.layout;
    for (const element of valid.elements) if (element.type === 'text') texts.push(mergeText(element.text, snapshot));
    render = () => CustomLayoutDocument({ ...props, layout: valid });
  }
  try {
    await loadFontsFor(texts);
  } catch (err) {
    if (err instanceof UnprintableTextError) throw new TemplateNotRenderableError(err.message, err.textFreeMessage);
    throw err;
  }
  // The component is called directly so that its refusals (TemplateNotRenderableError) surface here, as thrown.
  return renderToBuffer(render() as ReactElement<DocumentProps>);
}
