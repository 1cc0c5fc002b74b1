import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { UniqueItems } from '../../common/validators';

export const mergeMaxCredentials = 500;

export class MergeDocumentsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: mergeMaxCredentials,
    description: 'Credentials whose current documents are merged, pages in this order',
  })
  @IsArray({ message: 'credentialIds must be a list of credential ids' })
  @ArrayMinSize(1, { message: 'credentialIds must name at least one credential' })
  @ArrayMaxSize(mergeMaxCredentials, { message: `credentialIds may name at most ${mergeMaxCredentials} credentials` })
  @IsUUID('all', { each: true, message: 'credentialIds must contain only UUIDs' })
  @UniqueItems(mergeMaxCredentials, { message: 'credentialIds must not repeat an id' })
  credentialIds!: string[];
}
