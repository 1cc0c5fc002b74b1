import { ApiProperty } from '@nestjs/swagger';
import { roles, type Role } from '../../../domain/access/roles';
import type { Principal } from './access.decorator';

export class MeResponse {
  @ApiProperty({ example: 'SMS integration', description: "The key's name: the actor credential history shows" })
  name!: string;

  @ApiProperty({ enum: roles })
  role!: Role;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The API key id; null for the ADMIN_API_KEY of the environment',
  })
  keyId!: string | null;
}

export function toMeResponse(principal: Principal): MeResponse {
  return { name: principal.name, role: principal.role, keyId: principal.keyId };
}
