import { assertPng, InvalidImageError } from '../images/png';
import { mergeFields, mergeTextProblems } from './merge-fields';

/**
 * A custom template's layout: data, never code. Positions and sizes are in PDF points (1/72 inch) from the page's
 * top-left corner. validateLayout is the only way in: it names every problem, fills defaults, and returns the layout
 * that is stored and rendered.
 */
export const pageSizes = { A4: { width: 595.28, height: 841.89 }, Letter: { width: 612, height: 792 } } as const;
export type PageSize = keyof typeof pageSizes;
export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right';
export const unitColumns = ['code', 'title', 'outcome', 'date'] as const;
export type UnitColumn = (typeof unitColumns)[number];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type TextElement = Box & {
  type: 'text';
  text: string;
  fontSize: number;
  bold: boolean;
  align: Align;
  color: string;
};
export type ImageElement = Box & { type: 'logo' | 'signature' | 'qrCode' | 'nrtLogo' };
export type IssuingOfficerElement = Box & { type: 'issuingOfficer'; fontSize: number; align: Align };
export type UnitTableElement = Box & {
  type: 'unitTable';
  fontSize: number;
  units: 'achieved' | 'all';
  columns: UnitColumn[];
};
export type LayoutElement = TextElement | ImageElement | IssuingOfficerElement | UnitTableElement;

export interface TemplateLayout {
  page: { size: PageSize; orientation: Orientation };
  /** Base64 PNG or JPEG drawn under everything, stretched to the page. */
  background: string | null;
  /** Base64 PNG or JPEG for `logo` elements; null: the organisation's logo. */
  logo: string | null;
  elements: LayoutElement[];
}

export interface LayoutProblem {
  field: string;
  messages: string[];
}

export const maxImageBytes = 2 * 1024 * 1024;
const maxElements = 100;
/** Below about 17 mm a phone camera struggles with a verification URL's QR code. */
const minQrSize = 48;
/** The NRT logo's box: at least 10 mm tall, so the mark stays legible (templates/parts/nrt-logo.tsx). */
const minNrtLogoHeight = 28.35;

/**
 * What a layout is checked against besides itself: the template's type. Only testamurs (Certificate) and statements
 * of attainment (Statement) are AQF documents that carry the Nationally Recognised Training logo, and the NRT logo
 * conditions of use forbid it on any other testamur or transcript of results, so an nrtLogo element in a template of
 * another type is refused. Without a type (a layout checked on its own) the element is not refused.
 */
export interface LayoutContext {
  templateType?: string;
}
export const nrtLogoTemplateTypes = ['Certificate', 'Statement'];

const elementProperties: Record<LayoutElement['type'], readonly string[]> = {
  text: ['text', 'fontSize', 'bold', 'align', 'color'],
  logo: [],
  signature: [],
  qrCode: [],
  nrtLogo: [],
  issuingOfficer: ['fontSize', 'align'],
  unitTable: ['fontSize', 'units', 'columns'],
};
const elementTypes = Object.keys(elementProperties) as LayoutElement['type'][];
const boxProperties = ['type', 'x', 'y', 'width', 'height'];
const aligns: Align[] = ['left', 'center', 'right'];

export function pageDimensions(page: TemplateLayout['page']): { width: number; height: number } {
  const { width, height } = pageSizes[page.size];
  return page.orientation === 'landscape' ? { width: height, height: width } : { width, height };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const round = (n: number) => Math.round(n * 100) / 100;
const inWords = (items: readonly string[]) => items.join(', ');

/** Base64 (optionally a data: URL) to bytes; null when it is not base64 at all. */
export function decodeLayoutImage(value: string): Buffer | null {
  const base64 = value.replace(/^data:image\/[a-z]+;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) return null;
  return Buffer.from(base64, 'base64');
}

function imageProblem(bytes: Buffer, field: string): string | null {
  if (bytes.length > maxImageBytes) {
    return `${field} is ${(bytes.length / 1024 / 1024).toFixed(2)} MB; an image may be at most 2 MB`;
  }
  if (bytes[0] === 0x89) {
    try {
      assertPng(bytes, field);
      return null;
    } catch (err) {
      if (err instanceof InvalidImageError) return err.message;
      throw err;
    }
  }
  const isJpeg = bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (isJpeg)
    return bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) > 2 ? null : `${field} is a truncated JPEG (no end marker)`;
  return `${field} is neither a PNG nor a JPEG image`;
}

/**
 * Checks a layout from an API client. Answers either the layout with defaults filled in, or every problem found,
 * each naming its field (`layout.elements.2.text`) and what to do about it.
 */
export function validateLayout(
  input: unknown,
  context: LayoutContext = {},
): { layout: TemplateLayout; problems: [] } | { layout: null; problems: LayoutProblem[] } {
  const problems: LayoutProblem[] = [];
  const problem = (field: string, message: string) => {
    const existing = problems.find((p) => p.field === field);
    if (existing) existing.messages.push(message);
    else problems.push({ field, messages: [message] });
  };
  if (!isObject(input)) {
    problem('layout', 'layout must be an object with page, elements and optionally background and logo');
    return { layout: null, problems };
  }
  for (const key of Object.keys(input)) {
    if (!['page', 'background', 'logo', 'elements'].includes(key)) {
      problem(`layout.${key}`, `layout.${key} is not a layout property (known: page, background, logo, elements)`);
    }
  }

  const page = readPage(input.page, problem);
  const background = readImage(input.background, 'layout.background', problem);
  const logo = readImage(input.logo, 'layout.logo', problem);

  const elements: LayoutElement[] = [];
  if (!Array.isArray(input.elements) || input.elements.length === 0) {
    problem('layout.elements', 'layout.elements must be a non-empty array of positioned elements');
  } else if (input.elements.length > maxElements) {
    problem(
      'layout.elements',
      `layout.elements has ${input.elements.length} elements; at most ${maxElements} are allowed`,
    );
  } else {
    input.elements.forEach((raw, i) => {
      const element = readElement(raw, `layout.elements.${i}`, page, problem);
      if (element) elements.push(element);
    });
    if (elements.filter((e) => e.type === 'unitTable').length > 1) {
      problem('layout.elements', 'a layout may have at most one unitTable element');
    }
    const { templateType } = context;
    if (templateType && !nrtLogoTemplateTypes.includes(templateType)) {
      elements.forEach((e, i) => {
        if (e.type === 'nrtLogo') {
          problem(
            `layout.elements.${i}`,
            `layout.elements.${i} is an nrtLogo element, which only Certificate (testamur) and Statement (statement of attainment) templates may use: the NRT logo must not be on other documents or transcripts of results; this template is of type ${templateType}`,
          );
        }
      });
    }
  }
  if (problems.length || !page) return { layout: null, problems };
  return { layout: { page, background, logo, elements }, problems: [] };
}

type Report = (field: string, message: string) => void;

function readPage(raw: unknown, problem: Report): TemplateLayout['page'] | null {
  if (!isObject(raw)) {
    problem(
      'layout.page',
      'layout.page must be an object: {"size": "A4" | "Letter", "orientation": "portrait" | "landscape"}',
    );
    return null;
  }
  const sizes = Object.keys(pageSizes);
  let ok = true;
  if (typeof raw.size !== 'string' || !sizes.includes(raw.size)) {
    problem('layout.page.size', `layout.page.size must be one of ${inWords(sizes)}`);
    ok = false;
  }
  const orientation = raw.orientation ?? 'portrait';
  if (orientation !== 'portrait' && orientation !== 'landscape') {
    problem('layout.page.orientation', 'layout.page.orientation must be portrait or landscape');
    ok = false;
  }
  for (const key of Object.keys(raw)) {
    if (key !== 'size' && key !== 'orientation')
      problem(`layout.page.${key}`, `layout.page.${key} is not a page property (known: size, orientation)`);
  }
  return ok ? { size: raw.size as PageSize, orientation: orientation as Orientation } : null;
}

function readImage(raw: unknown, field: string, problem: Report): string | null {
  if (raw === undefined || raw === null) return null;
  const bytes = typeof raw === 'string' ? decodeLayoutImage(raw) : null;
  if (!bytes || bytes.length === 0) {
    problem(field, `${field} must be a base64-encoded PNG or JPEG image`);
    return null;
  }
  const wrong = imageProblem(bytes, field);
  if (wrong) {
    problem(field, wrong);
    return null;
  }
  return bytes.toString('base64');
}

function readNumber(
  raw: Record<string, unknown>,
  key: string,
  field: string,
  problem: Report,
  range: [number, number],
  fallback?: number,
) {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range[0] || value > range[1]) {
    problem(
      `${field}.${key}`,
      `${field}.${key} must be a number from ${range[0]} to ${range[1]}${fallback === undefined ? '' : ` (default ${fallback})`}`,
    );
    return null;
  }
  return value;
}

function readElement(
  raw: unknown,
  field: string,
  page: TemplateLayout['page'] | null,
  problem: Report,
): LayoutElement | null {
  if (!isObject(raw)) {
    problem(field, `${field} must be an object with type, x, y, width and height`);
    return null;
  }
  const type = raw.type as LayoutElement['type'];
  if (!elementTypes.includes(type)) {
    problem(`${field}.type`, `${field}.type must be one of ${inWords(elementTypes)}`);
    return null;
  }
  const known = [...boxProperties, ...elementProperties[type]];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key))
      problem(`${field}.${key}`, `${field}.${key} is not a property of a ${type} element (known: ${inWords(known)})`);
  }
  const limit = 2000;
  const x = readNumber(raw, 'x', field, problem, [0, limit]);
  const y = readNumber(raw, 'y', field, problem, [0, limit]);
  const width = readNumber(raw, 'width', field, problem, [1, limit]);
  const height = readNumber(raw, 'height', field, problem, [1, limit]);
  if (x === null || y === null || width === null || height === null) return null;
  const box = { x, y, width, height };
  if (page) checkOnPage(box, field, page, problem);

  switch (type) {
    case 'text': {
      const text = raw.text;
      if (typeof text !== 'string' || !text.trim() || text.length > 2000) {
        problem(
          `${field}.text`,
          `${field}.text must be text of 1 to 2000 characters, with merge fields such as {{learner.fullName}}`,
        );
        return null;
      }
      for (const wrong of mergeTextProblems(text)) {
        if (wrong.kind === 'unknown') {
          problem(
            `${field}.text`,
            `${field}.text uses an unknown merge field {{${wrong.field}}}; valid fields: ${inWords(mergeFields.map((f) => `{{${f}}}`))}`,
          );
        } else {
          problem(
            `${field}.text`,
            `${field}.text has unpaired braces near "${wrong.near}": write merge fields as {{learner.fullName}}`,
          );
        }
      }
      const fontSize = readNumber(raw, 'fontSize', field, problem, [4, 144], 12);
      const align = readAlign(raw, field, problem);
      const bold = raw.bold ?? false;
      if (typeof bold !== 'boolean') problem(`${field}.bold`, `${field}.bold must be true or false`);
      const color = raw.color ?? '#000000';
      if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color))
        problem(`${field}.color`, `${field}.color must be a colour like #1f2933`);
      if (fontSize === null || !align) return null;
      return { type, ...box, text, fontSize, bold: bold === true, align, color: String(color) };
    }
    case 'qrCode':
      if (Math.min(width, height) < minQrSize) {
        problem(
          field,
          `${field} is ${round(Math.min(width, height))} pt; a QR code needs at least ${minQrSize} pt (17 mm) to scan`,
        );
      }
      return { type, ...box };
    case 'nrtLogo':
      if (height < minNrtLogoHeight) {
        problem(
          `${field}.height`,
          `${field}.height is ${round(height)} pt; the NRT logo needs at least ${minNrtLogoHeight} pt (10 mm) to stay legible`,
        );
      }
      return { type, ...box };
    case 'logo':
    case 'signature':
      return { type, ...box };
    case 'issuingOfficer': {
      const fontSize = readNumber(raw, 'fontSize', field, problem, [4, 72], 10);
      const align = readAlign(raw, field, problem);
      return fontSize === null || !align ? null : { type, ...box, fontSize, align };
    }
    case 'unitTable': {
      const fontSize = readNumber(raw, 'fontSize', field, problem, [6, 24], 9);
      const units = raw.units ?? 'achieved';
      if (units !== 'achieved' && units !== 'all') problem(`${field}.units`, `${field}.units must be achieved or all`);
      const columns = raw.columns ?? (units === 'all' ? [...unitColumns] : ['code', 'title']);
      const columnsOk =
        Array.isArray(columns) &&
        columns.length > 0 &&
        new Set(columns).size === columns.length &&
        columns.every((c) => unitColumns.includes(c as UnitColumn));
      if (!columnsOk)
        problem(`${field}.columns`, `${field}.columns must list distinct columns from ${inWords(unitColumns)}`);
      if (fontSize !== null && height < fontSize * 4) {
        problem(
          `${field}.height`,
          `${field}.height must fit a heading and a row: at least ${round(fontSize * 4)} pt for font size ${fontSize}`,
        );
      }
      if (fontSize === null || !columnsOk || (units !== 'achieved' && units !== 'all')) return null;
      return { type, ...box, fontSize, units, columns: columns as UnitColumn[] };
    }
  }
}

function readAlign(raw: Record<string, unknown>, field: string, problem: Report): Align | null {
  const align = raw.align ?? 'left';
  if (!aligns.includes(align as Align)) {
    problem(`${field}.align`, `${field}.align must be one of ${inWords(aligns)}`);
    return null;
  }
  return align as Align;
}

function checkOnPage(box: Box, field: string, page: TemplateLayout['page'], problem: Report) {
  const { width, height } = pageDimensions(page);
  const name = `the ${page.size} ${page.orientation} page`;
  if (box.x + box.width > width + 0.01) {
    problem(
      field,
      `${field} runs off the page: x ${round(box.x)} + width ${round(box.width)} = ${round(box.x + box.width)} pt is past the right edge of ${name} (${round(width)} pt wide)`,
    );
  }
  if (box.y + box.height > height + 0.01) {
    problem(
      field,
      `${field} runs off the page: y ${round(box.y)} + height ${round(box.height)} = ${round(box.y + box.height)} pt is past the bottom edge of ${name} (${round(height)} pt high)`,
    );
  }
}
