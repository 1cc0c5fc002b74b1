import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import {
  credentialTypes,
  templateAppliesTo,
  type CredentialType,
  type TemplateAppliesTo,
} from '../../../domain/entities/credential-template.entity';
import type { CredentialTemplate, CredentialTemplateVersion } from '../../../domain/entities';
import { mergeFields } from '../../../domain/templates/merge-fields';
import { PageQuery } from '../common/pagination';

const layoutDescription =
  'Data, never code. Positions and sizes in points (1/72 inch) from the top-left corner. ' +
  '{"page": {"size": "A4" | "Letter", "orientation": "portrait" | "landscape"}, "background"?: base64 PNG/JPEG (<= 2 MB), ' +
  '"logo"?: base64 PNG/JPEG (<= 2 MB; default the organisation logo), "elements": [{"type": "text" | "logo" | "signature" | ' +
  '"qrCode" | "nrtLogo" | "issuingOfficer" | "unitTable", "x", "y", "width", "height", ...}]. nrtLogo: the organisation\'s ' +
  'Nationally Recognised Training logo, at least 28.35 pt (10 mm) tall, in Certificate and Statement templates only. text: {"text", "fontSize"?, "bold"?, ' +
  '"align"?: left|center|right, "color"?: "#rrggbb"}; issuingOfficer: {"fontSize"?, "align"?}; unitTable: {"fontSize"?, ' +
  `"units"?: achieved|all, "columns"?: [code, title, outcome, date]}. Merge fields in text: ${mergeFields.map((f) => `{{${f}}}`).join(', ')}.`;

const layoutExample = {
  page: { size: 'A4', orientation: 'landscape' },
  elements: [
    {
      type: 'text',
      x: 40,
      y: 60,
      width: 762,
      height: 30,
      text: '{{organisation.name}}',
      fontSize: 16,
      align: 'center',
    },
    {
      type: 'text',
      x: 40,
      y: 200,
      width: 762,
      height: 40,
      text: '{{learner.fullName}}',
      fontSize: 30,
      bold: true,
      align: 'center',
    },
    { type: 'text', x: 40, y: 260, width: 762, height: 24, text: 'has completed {{course.name}}', align: 'center' },
    { type: 'qrCode', x: 720, y: 480, width: 72, height: 72 },
    { type: 'issuingOfficer', x: 60, y: 500, width: 220, height: 40 },
  ],
};

export class CreateTemplateDto {
  @ApiProperty({ example: 'Short course certificate (blue)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: credentialTypes })
  @IsIn(credentialTypes, { message: `type must be one of ${credentialTypes.join(', ')}` })
  type!: CredentialType;

  @ApiProperty({ enum: templateAppliesTo })
  @IsIn(templateAppliesTo, { message: `appliesTo must be one of ${templateAppliesTo.join(', ')}` })
  appliesTo!: TemplateAppliesTo;

  @ApiProperty({ type: 'object', additionalProperties: true, description: layoutDescription, example: layoutExample })
  @IsDefined({ message: 'layout is required' })
  layout!: unknown;
}

export class UpdateTemplateDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: credentialTypes })
  @IsOptional()
  @IsIn(credentialTypes, { message: `type must be one of ${credentialTypes.join(', ')}` })
  type?: CredentialType;

  @ApiPropertyOptional({ enum: templateAppliesTo })
  @IsOptional()
  @IsIn(templateAppliesTo, { message: `appliesTo must be one of ${templateAppliesTo.join(', ')}` })
  appliesTo?: TemplateAppliesTo;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: `The new version's layout. ${layoutDescription}`,
  })
  @IsDefined({ message: 'layout is required: every PUT makes a new version' })
  layout!: unknown;
}

export class TemplateVersionQuery {
  @ApiPropertyOptional({ description: 'A version number; the current version by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class TemplateListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['course', 'qualification'],
    description:
      'Only the templates that apply to course (or qualification) enrolments: those for both count for either',
  })
  @IsOptional()
  @IsIn(['course', 'qualification'], { message: 'appliesTo must be course or qualification' })
  appliesTo?: 'course' | 'qualification';
}

/** An unsaved custom layout to preview (the editor's live preview): what POST /credential-templates would check. */
export class PreviewLayoutDto extends PickType(CreateTemplateDto, ['type', 'layout'] as const) {}

/** A version with its count of credentials whose current document it rendered. */
export interface VersionSummary {
  version: number;
  createdAt: Date;
  credentials: number;
}

export class TemplateVersionResponse {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    description: 'Credentials whose current document was rendered with this version (deleted ones left out)',
  })
  credentials!: number;
}

export function toTemplateVersion(version: VersionSummary): TemplateVersionResponse {
  return { version: version.version, createdAt: version.createdAt.toISOString(), credentials: version.credentials };
}

/** `{}` renders the current version; `{"version": n}` an older one. */
export class PreviewTemplateDto {
  @ApiPropertyOptional({ description: 'A version number; the current version by default' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export function toTemplateSummary(template: CredentialTemplate) {
  return {
    id: template.id,
    name: template.name,
    type: template.type,
    appliesTo: template.appliesTo,
    kind: template.kind,
    version: template.currentVersion,
  };
}

export function toTemplateResponse(
  template: CredentialTemplate,
  shown: CredentialTemplateVersion | null,
  versions: VersionSummary[],
) {
  return {
    ...toTemplateSummary(template),
    layoutVersion: shown?.version ?? template.currentVersion,
    layout: shown?.layout ?? null,
    versions: versions.map(toTemplateVersion),
  };
}
