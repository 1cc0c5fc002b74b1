import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { roles, type Role } from '../../../domain/access/roles';
import type { ApiKey } from '../../../domain/entities';

export class CreateApiKeyDto {
  @ApiProperty({
    example: 'SMS integration',
    description: 'Unique (ignoring case, revoked keys included); the actor credential history shows for this key',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: roles })
  @IsIn(roles, { message: `role must be one of ${roles.join(', ')}` })
  role!: Role;
}

export interface ApiKeyResponse {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  key?: string;
}

export function toApiKeyResponse(key: ApiKey, secret?: string): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    ...(secret ? { key: secret } : {}),
  };
}
