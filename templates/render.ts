import { createElement, type ReactElement } from 'react';
import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import type { CredentialSnapshot } from '../domain/credentials/snapshot';
import { CertificateOfCompletion, type TemplateImages } from './certificate-of-completion';

export type { TemplateImages };

type TemplateComponent = (props: { snapshot: CredentialSnapshot; images: TemplateImages }) => ReactElement;

const builtins: Record<string, TemplateComponent> = {
  'certificate-of-completion': CertificateOfCompletion,
};

export class TemplateNotRenderableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateNotRenderableError';
  }
}

/** Renders a credential's snapshot with its template. Pure: data in, PDF bytes out. */
export async function renderCredentialPdf(snapshot: CredentialSnapshot, images: TemplateImages): Promise<Buffer> {
  const key = snapshot.template.builtinKey;
  const component = key ? builtins[key] : undefined;
  if (!component) {
    throw new TemplateNotRenderableError(`Template ${key ?? snapshot.template.id} has no renderer yet`);
  }
  const element = createElement(component, { snapshot, images }) as unknown as ReactElement<DocumentProps>;
  return renderToBuffer(element);
}
