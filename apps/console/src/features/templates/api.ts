import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { openInNewTab } from '../../lib/open-in-tab';
import type { TemplateSummary } from '../credential-requests/api';

export const credentialTypes = ['Certificate', 'Transcript', 'Statement', 'Letter', 'Card', 'Other'] as const;
export const appliesToChoices = ['course', 'qualification', 'both'] as const;
export type AppliesTo = (typeof appliesToChoices)[number];
export const appliesToLabel: Record<AppliesTo, string> = {
  course: 'Course enrolments',
  qualification: 'Qualification enrolments',
  both: 'Both',
};

export interface TemplateDetail extends TemplateSummary {
  layoutVersion: number;
  /** A custom template's layout (data); null for a built-in, whose design is code. */
  layout: Record<string, unknown> | null;
}

export interface TemplateVersion {
  version: number;
  createdAt: string;
  /** How many credentials are rendered with this version. */
  credentials: number;
}

const keys = {
  all: ['credential-templates'] as const,
  one: (id: string) => ['credential-templates', 'one', id] as const,
  versions: (id: string) => ['credential-templates', 'one', id, 'versions'] as const,
};

export function useTemplate(id: string) {
  return useQuery({ queryKey: keys.one(id), queryFn: () => api.get<TemplateDetail>(`/credential-templates/${id}`) });
}

export function useTemplateVersions(id: string) {
  return useQuery({
    queryKey: keys.versions(id),
    queryFn: () => api.get<TemplateVersion[]>(`/credential-templates/${id}/versions`),
  });
}

/** A saved version rendered with sample data (the current one without `version`). */
export const previewTemplate = (id: string, version?: number) =>
  api.pdf('POST', `/credential-templates/${id}/preview`, version ? { version } : {});

/** Opens a PDF the API renders in a new tab (inside the click); a refusal is kept for the page to show in words. */
export type PdfTab = ReturnType<typeof usePdfTab>;

export function usePdfTab() {
  const [error, setError] = useState<unknown>(null);
  return {
    error,
    open: (load: () => Promise<Blob>) => {
      setError(null);
      openInNewTab(load).catch(setError);
    },
  };
}

/** The layout text as JSON, or an error in words saying where it stops being JSON. */
export function parseLayout(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`The layout is not valid JSON: ${(error as Error).message}`);
  }
}

/** An unsaved layout rendered with sample data, once the text has rested for 600 ms. */
export function useLayoutPreview(type: string, text: string) {
  const rested = useDebounced(text, 600);
  return useQuery({
    queryKey: ['layout-preview', type, rested],
    queryFn: () => api.pdf('POST', '/credential-templates/preview', { type, layout: parseLayout(rested) }),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
    gcTime: 30_000,
  });
}

function useDebounced<T>(value: T, ms: number): T {
  const [rested, setRested] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setRested(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return rested;
}

/**
 * A blob's object URL for an iframe. The one it replaces is revoked; the last stays until the page goes (revoking it
 * on unmount would break StrictMode's second mount).
 */
export function useObjectUrl(blob: Blob | undefined): string | null {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (previous.current && previous.current !== url) URL.revokeObjectURL(previous.current);
    previous.current = url;
  }, [url]);
  return url;
}

export interface NewTemplate {
  name: string;
  type: string;
  appliesTo: AppliesTo;
  layout: unknown;
}

export function useCreateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (template: NewTemplate) => api.post<TemplateDetail>('/credential-templates', template),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useSaveVersion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (layout: unknown) => api.put<TemplateDetail>(`/credential-templates/${id}`, { layout }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRegenerateOlder(id: string) {
  return useMutation({
    mutationFn: () => api.post<{ bulkRunId: string; total: number }>(`/credential-templates/${id}/regenerate`),
  });
}

export function useRefreshTemplate(id: string) {
  const queryClient = useQueryClient();
  return useCallback(() => void queryClient.invalidateQueries({ queryKey: keys.one(id) }), [queryClient, id]);
}

/** A starting layout for a new custom template: what it applies to decides which merge fields make sense. */
export function exampleLayout(appliesTo: AppliesTo): Record<string, unknown> {
  const subject =
    appliesTo === 'course'
      ? 'has completed {{course.name}}'
      : appliesTo === 'qualification'
        ? 'has been awarded {{qualification.code}} {{qualification.title}}'
        : 'has completed {{course.name}}{{qualification.title}}';
  const text = (y: number, height: number, value: string, more: Record<string, unknown> = {}) => ({
    type: 'text',
    x: 40,
    y,
    width: 762,
    height,
    text: value,
    align: 'center',
    ...more,
  });
  return {
    page: { size: 'A4', orientation: 'landscape' },
    elements: [
      text(60, 30, '{{organisation.name}} (RTO {{organisation.rtoCode}})', { fontSize: 16 }),
      text(200, 40, '{{learner.fullName}}', { fontSize: 30, bold: true }),
      text(260, 24, subject),
      text(300, 24, '{{credential.date}} · {{credential.number}}'),
      { type: 'qrCode', x: 720, y: 480, width: 72, height: 72 },
      { type: 'issuingOfficer', x: 60, y: 500, width: 220, height: 40 },
    ],
  };
}
