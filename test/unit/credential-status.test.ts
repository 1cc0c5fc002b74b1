import { Credential } from '../../domain/entities';
import {
  canTransition,
  credentialStatuses,
  InvalidTransitionError,
  type CredentialStatus,
} from '../../domain/credentials/status';

describe('credential lifecycle', () => {
  it('follows Requested -> Generating -> Generated -> Issued', () => {
    const sut = new Credential();
    for (const status of ['Generating', 'Generated', 'Issued'] as const) sut.moveTo(status);
    expect(sut.status).toBe('Issued');
  });

  it('never regenerates an issued credential and never leaves Cancelled', () => {
    expect(canTransition('Issued', 'Generating')).toBe(false);
    for (const status of credentialStatuses) expect(canTransition('Cancelled', status)).toBe(false);
    const sut = new Credential();
    sut.status = 'Issued';
    expect(() => sut.moveTo('Generating')).toThrow(new InvalidTransitionError('Issued', 'Generating'));
    expect(() => sut.moveTo('Generating')).toThrow('A credential in status Issued cannot move to Generating');
  });

  it('lets a failed generation be retried and a generated one be regenerated', () => {
    const retryable: CredentialStatus[] = ['GenerationFailed', 'Generated', 'Requested'];
    for (const status of retryable) expect(canTransition(status, 'Generating')).toBe(true);
  });
});
