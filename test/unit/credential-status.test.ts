import { Credential } from '../../domain/entities';
import {
  actionRules,
  canTransition,
  credentialActionKinds,
  refusal,
  credentialStatuses,
  InvalidTransitionError,
  type CredentialStatus,
} from '../../domain/credentials/lifecycle';

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

describe('the action table', () => {
  it('moves a credential only along the lifecycle, from every status it allows', () => {
    for (const [action, rule] of Object.entries(actionRules)) {
      for (const from of rule.from) {
        if (rule.to) expect([action, from, canTransition(from, rule.to)]).toEqual([action, from, true]);
      }
    }
  });

  it('says why an action is refused, in words a person can act on', () => {
    expect(refusal('issue', 'Generated')).toBeNull();
    expect(refusal('issue', 'Requested')).toBe('The credential is Requested: issue needs Generated');
    expect(refusal('regenerate', 'Issued')).toBe(
      'The credential is Issued: issued credentials are never regenerated; cancel it and request a replacement',
    );
    expect(refusal('delete', 'Issued')).toContain('cancel it instead');
    expect(refusal('print', 'Generated', true)).toBe('The credential was deleted');
    for (const action of credentialActionKinds)
      expect(refusal(action, 'Cancelled')).toMatch(/^The credential is Cancelled/);
  });
});
