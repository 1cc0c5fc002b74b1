import { Client, Connection } from '@temporalio/client';
import { sql } from '../support/db';
import { WorkflowsClient } from '../../temporal/client';
import { workflowIds } from '../../temporal/ids';
import { certificateOfCompletion, courseWithLearners } from '../support/fixtures';
import { pdfText } from '../support/pdf-text';
import { readAs, savedReason } from '../support/stale-reads';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let sut: RunningSystem;
let temporal: Client;

beforeAll(async () => {
  sut = await startSystem({ DATA_FIX_DEBOUNCE_SECONDS: '2' });
  temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
});

afterAll(async () => {
  await temporal?.connection.close();
  await sut?.stop();
});

const credentialOf = async (id: string) => (await sut.call('GET', `/credentials/${id}`)).body;

/** Waits until no run of these credentials' workflows is running: whatever they were asked to do is done. */
async function noRunningWorkflows(credentialIds: string[]) {
  const query = `(${credentialIds.map((id) => `WorkflowId = "credential-${id}"`).join(' OR ')}) AND ExecutionStatus = "Running"`;
  await eventually(
    async () => {
      const running = [];
      for await (const run of temporal.workflow.list({ query })) running.push(run.workflowId);
      return running.length === 0 ? true : undefined;
    },
    60_000,
    "the credentials' workflows to finish",
  );
}

async function requestAndWait(enrolmentId: string) {
  const request = await sut.call('POST', `/course-enrolments/${enrolmentId}/credentials`, {
    body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
  });
  expect(request.status).toBe(202);
  // The first render of a fresh system waits for the render process's warm-up: slow on a loaded machine.
  return eventually(
    async () => {
      const credential = await credentialOf(request.body.id);
      return credential.status === 'Generated' ? credential : undefined;
    },
    120_000,
    'the credential to be generated',
  );
}

describe('reissue after a data fix', () => {
  it('regenerates the unissued, replaces the issued (issued, original cancelled, emailed again), once per burst', async () => {
    const first = await courseWithLearners(sut, [['Jon', 'Smiht']], 'Forklift Safety');
    const learnerId = first.enrolments[0].learner.id;
    const second = await courseWithLearners(sut, [['Other', 'Person']], 'Chainsaw Basics');
    // The same learner on a second course offer.
    const enrolment2 = (
      await sut.call('POST', `/course-offers/${second.offer.id}/enrolments`, {
        body: { learnerId, status: 'Completed', completionDate: '2026-10-31' },
      })
    ).body;
    const bystander = await requestAndWait(second.enrolments[0].id);

    const unissued = await requestAndWait(first.enrolments[0].id);
    const issued = await requestAndWait(enrolment2.id);
    expect((await sut.call('POST', `/credentials/${issued.id}/issue`)).status).toBe(200);
    expect((await sut.call('POST', `/credentials/${issued.id}/email`, { body: {} })).status).toBe(202);
    await eventually(async () => (await credentialOf(issued.id)).emailStatus === 'Sent' || undefined);

    // A burst of edits: one reissue.
    for (const familyName of ['Smiht-', 'Smith']) {
      expect((await sut.call('PATCH', `/learners/${learnerId}`, { body: { familyName } })).status).toBe(200);
    }

    const regenerated = await eventually(
      async () => {
        const credential = await credentialOf(unissued.id);
        return credential.document?.version === 2 && credential.status === 'Generated' ? credential : undefined;
      },
      90_000,
      'the unissued credential to be regenerated',
    );
    expect(await pdfText((await sut.call('GET', `/credentials/${unissued.id}/document`)).bytes)).toContain('Jon Smith');

    const original = await eventually(
      async () => {
        const credential = await credentialOf(issued.id);
        return credential.status === 'Cancelled' ? credential : undefined;
      },
      90_000,
      'the issued credential to be replaced',
    );
    expect(original.statusReason).toBe('Replaced after data correction');
    expect(original.replacedBy).toEqual(expect.any(String));
    const replacement = await eventually(
      async () => {
        const credential = await credentialOf(original.replacedBy);
        return credential.status === 'Issued' && credential.emailStatus === 'Sent' ? credential : undefined;
      },
      90_000,
      'the replacement to be issued and emailed',
    );
    expect(replacement.replaces).toBe(issued.id);
    expect(replacement.number).not.toBe(issued.number);
    expect(replacement.history.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['Requested', 'Generated', 'Issued', 'Emailed']),
    );
    expect(original.history.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['ReplacementRequested', 'Cancelled']),
    );
    expect(await pdfText((await sut.call('GET', `/credentials/${replacement.id}/document`)).bytes)).toContain(
      'Jon Smith',
    );

    // Nothing else moved: once the data fix has finished (its run completed, both of the learner's credentials
    // reissued, and no credential workflow still running), one more document only for the unissued one, none for the
    // bystander.
    expect(await temporal.workflow.getHandle(workflowIds.dataFix('learner', learnerId)).result()).toEqual({
      reissued: 2,
    });
    await noRunningWorkflows([unissued.id, issued.id, replacement.id, bystander.id]);
    expect((await credentialOf(unissued.id)).document.version).toBe(2);
    expect((await credentialOf(bystander.id)).document.version).toBe(1);
    expect(regenerated.history.filter((e: { event: string }) => e.event === 'RegenerationStarted')).toHaveLength(1);
    expect(await sql('select count(*)::int as n from credential where replaces_id = $1', [issued.id])).toEqual([
      { n: 1 },
    ]);
  }, 240_000);

  it('touches nothing when an edit is undone within the quiet period (the data-fix runs, finds nothing changed)', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Undo', 'Edit']]);
    const credential = await requestAndWait(enrolments[0].id);
    const learnerId = enrolments[0].learner.id;
    await sut.call('PATCH', `/learners/${learnerId}`, { body: { givenName: 'Undone' } });
    await sut.call('PATCH', `/learners/${learnerId}`, { body: { givenName: 'Undo' } });
    const result = await temporal.workflow.getHandle(workflowIds.dataFix('learner', learnerId)).result();
    expect(result).toEqual({ reissued: 0 });
    expect((await credentialOf(credential.id)).document.version).toBe(1);
  });

  it('does nothing when the edit changes nothing printed', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Quiet', 'Change']]);
    const credential = await requestAndWait(enrolments[0].id);
    const learnerId = enrolments[0].learner.id;
    expect(
      (await sut.call('PATCH', `/learners/${learnerId}`, { body: { email: 'new.address@example.com' } })).status,
    ).toBe(200);
    // The API signals the data fix before it answers the edit: no workflow now means none was asked for.
    const dataFix = temporal.workflow.getHandle(workflowIds.dataFix('learner', learnerId));
    await expect(dataFix.describe()).rejects.toThrow();
    expect((await credentialOf(credential.id)).document.version).toBe(1);

    // A printed change afterwards starts the data fix, whose one run saw one signal: the email edit sent none.
    expect((await sut.call('PATCH', `/learners/${learnerId}`, { body: { givenName: 'Loud' } })).status).toBe(200);
    expect(await dataFix.result()).toEqual({ reissued: 1 });
    const runs = [];
    for await (const run of temporal.workflow.list({ query: `WorkflowId = "data-fix-learner-${learnerId}"` }))
      runs.push(run);
    expect(runs).toHaveLength(1);
    const signals = (await dataFix.fetchHistory()).events!.filter((e) => e.workflowExecutionSignaledEventAttributes);
    expect(signals).toHaveLength(1);
  });
});

describe('a dead replacement', () => {
  // A requester's correction leaves the replacement waiting, Generated, whatever AUTO_REISSUE_ISSUED says. (A second
  // system with other settings would share the task queues, and its worker could take this test's data fix.)

  it('does not block the next data fix: a deleted replacement gives way to a new one', async () => {
    const get = async (id: string) => (await sut.call('GET', `/credentials/${id}`)).body;
    const requester = (
      await sut.call('POST', '/api-keys', { body: { name: `requester ${Date.now()}`, role: 'requester' } })
    ).body.key as string;
    const { enrolments } = await courseWithLearners(sut, [['Ngaio', 'Marsh']], 'Crane Operation');
    const learnerId = enrolments[0].learner.id;
    const request = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-20' },
    });
    await eventually(async () => (await get(request.body.id)).status === 'Generated' || undefined);
    expect((await sut.call('POST', `/credentials/${request.body.id}/issue`)).status).toBe(200);

    const replacementOf = (not?: string) =>
      eventually(
        async () => {
          const { replacedBy } = await get(request.body.id);
          if (!replacedBy || replacedBy === not) return undefined;
          const replacement = await get(replacedBy);
          return replacement.status === 'Generated' ? replacement : undefined;
        },
        90_000,
        'a replacement to be generated',
      );
    expect(
      (await sut.call('PATCH', `/learners/${learnerId}`, { key: requester, body: { familyName: 'Marsh-Smith' } }))
        .status,
    ).toBe(200);
    const first = await replacementOf();
    const deleted = await sut.call('DELETE', `/credentials/${first.id}`);
    expect([deleted.status, deleted.body?.message]).toEqual([204, undefined]);

    expect(
      (await sut.call('PATCH', `/learners/${learnerId}`, { key: requester, body: { familyName: 'Marsh-Jones' } }))
        .status,
    ).toBe(200);
    const second = await replacementOf(first.id);
    expect(second.id).not.toBe(first.id);
    expect(second.replaces).toBe(request.body.id);
    expect((await get(first.id)).history.map((e: { event: string }) => e.event)).toContain('ReplacementAbandoned');
    expect(await sql('select count(*)::int as n from credential where replaces_id = $1', [request.body.id])).toEqual([
      { n: 1 },
    ]);
  }, 240_000);
});

describe('roles hold through data fixes', () => {
  const keyFor = async (role: string) =>
    (await sut.call('POST', '/api-keys', { body: { name: `${role} ${Math.random().toString(36).slice(2)}`, role } }))
      .body.key as string;

  async function issuedAndEmailed(familyName: string) {
    const { enrolments } = await courseWithLearners(sut, [['Role', familyName]]);
    const credential = await requestAndWait(enrolments[0].id);
    expect((await sut.call('POST', `/credentials/${credential.id}/issue`)).status).toBe(200);
    expect((await sut.call('POST', `/credentials/${credential.id}/email`, { body: {} })).status).toBe(202);
    await eventually(async () => (await credentialOf(credential.id)).emailStatus === 'Sent' || undefined);
    return { credential, learnerId: enrolments[0].learner.id as string };
  }

  it("a requester's correction makes a replacement that waits for an issuer, whose issue cancels and emails", async () => {
    const requester = await keyFor('requester');
    const issuer = await keyFor('issuer');
    const { credential: issued, learnerId } = await issuedAndEmailed('Smiht');

    const patched = await sut.call('PATCH', `/learners/${learnerId}`, {
      key: requester,
      body: { familyName: 'Smith' },
    });
    expect(patched.status).toBe(200);
    const result = await temporal.workflow.getHandle(workflowIds.dataFix('learner', learnerId)).result();
    expect(result).toEqual({ reissued: 1 });

    // The original stays Issued; its replacement waits, Generated, with the corrected name.
    const original = await credentialOf(issued.id);
    expect(original.status).toBe('Issued');
    expect(original.replacedBy).toEqual(expect.any(String));
    const waiting = await credentialOf(original.replacedBy);
    expect(waiting).toMatchObject({ status: 'Generated', emailStatus: 'NotSent', replaces: issued.id });
    expect(await pdfText((await sut.call('GET', `/credentials/${waiting.id}/document`)).bytes)).toContain('Role Smith');
    // The signal carried the role and the key's id, never a name.
    const history = await temporal.workflow.getHandle(workflowIds.dataFix('learner', learnerId)).fetchHistory();
    const signals = JSON.stringify(history.events!.filter((e) => e.workflowExecutionSignaledEventAttributes));
    expect(signals).not.toContain('Smith');

    // A requester cannot issue it; an issuer can, and that cancels the original and emails the replacement.
    expect((await sut.call('POST', `/credentials/${waiting.id}/issue`, { key: requester })).status).toBe(403);
    expect((await sut.call('POST', `/credentials/${waiting.id}/issue`, { key: issuer })).status).toBe(200);
    const replacement = await eventually(
      async () => {
        const credential = await credentialOf(waiting.id);
        return credential.emailStatus === 'Sent' ? credential : undefined;
      },
      60_000,
      'the issued replacement to be emailed',
    );
    expect(replacement.status).toBe('Issued');
    const cancelled = await credentialOf(issued.id);
    expect(cancelled).toMatchObject({ status: 'Cancelled', statusReason: 'Replaced after data correction' });
    expect(
      await sql('select count(*)::int as n from email_message where credential_id = $1', [replacement.id]),
    ).toEqual([{ n: 1 }]);
  }, 180_000);

  it('an issued replacement whose original was never emailed is not emailed', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Never', 'Emialed']]);
    const issued = await requestAndWait(enrolments[0].id);
    expect((await sut.call('POST', `/credentials/${issued.id}/issue`)).status).toBe(200);
    const requester = await keyFor('requester');
    const learnerId = enrolments[0].learner.id;
    await sut.call('PATCH', `/learners/${learnerId}`, { key: requester, body: { familyName: 'Emailed' } });
    await temporal.workflow.getHandle(workflowIds.dataFix('learner', learnerId)).result();
    const { replacedBy } = await credentialOf(issued.id);
    expect((await sut.call('POST', `/credentials/${replacedBy}/issue`)).status).toBe(200);
    expect((await credentialOf(issued.id)).status).toBe('Cancelled');
    await temporal.workflow.getHandle(workflowIds.credential(replacedBy)).result();
    expect((await credentialOf(replacedBy)).emailStatus).toBe('NotSent');

    // A cancel of the original by someone who read it while still Issued reaches a run of its own: it is refused
    // rather than told it was done, since the replacement's issue cancelled it (for another reason).
    const cancel = new WorkflowsClient(temporal).actOnCredential(readAs(issued, 'Issued'), {
      kind: 'cancel',
      actor: 'ADMIN_API_KEY',
      inputId: await savedReason('Wrong course'),
    });
    await expect(cancel).rejects.toThrow('The credential is Cancelled');
    expect((await credentialOf(issued.id)).statusReason).toBe('Replaced after data correction');
  }, 120_000);

  it('a date of birth edit alone touches no credential', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Born', 'Again']]);
    const credential = await requestAndWait(enrolments[0].id);
    const learnerId = enrolments[0].learner.id;
    expect((await sut.call('PATCH', `/learners/${learnerId}`, { body: { dateOfBirth: '1970-01-02' } })).status).toBe(
      200,
    );
    // A correction is signalled before the API answers it: had this edit counted, its data fix would exist by now.
    await expect(temporal.workflow.getHandle(workflowIds.dataFix('learner', learnerId)).describe()).rejects.toThrow();
    expect((await credentialOf(credential.id)).document.version).toBe(1);
  });

  it('usiVerified and usiExempt need an issuer or admin key', async () => {
    const requester = await keyFor('requester');
    const issuer = await keyFor('issuer');
    const learner = {
      givenName: 'Usi',
      familyName: 'Guard',
      dateOfBirth: '1990-01-01',
      email: 'usi.guard@example.com',
      usi: 'BQ3XR7MZ2Z',
    };
    const refused = await sut.call('POST', '/learners', { key: requester, body: { ...learner, usiVerified: true } });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('usiVerified');
    const created = await sut.call('POST', '/learners', { key: requester, body: learner });
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const field of ['usiVerified', 'usiExempt']) {
      const patch = await sut.call('PATCH', `/learners/${id}`, { key: requester, body: { [field]: true } });
      expect(patch.status).toBe(403);
      expect(patch.body.message).toContain(field);
    }
    // Sending what the learner already has is no change; an issuer may set both.
    expect((await sut.call('PATCH', `/learners/${id}`, { key: requester, body: { usiVerified: false } })).status).toBe(
      200,
    );
    const verified = await sut.call('PATCH', `/learners/${id}`, { key: issuer, body: { usiVerified: true } });
    expect(verified.status).toBe(200);
    expect(verified.body.usiVerified).toBe(true);
  });
});
