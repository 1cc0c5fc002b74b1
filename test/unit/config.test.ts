import { ConfigError, loadConfig, requireServices } from '../../apps/config';

describe('loadConfig', () => {
  it('has safe local defaults', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      temporalAddress: undefined,
      temporalNamespace: 'default',
      publicBaseUrl: 'http://localhost:3000',
      dataFixDebounceSeconds: 30,
      logLevel: 'info',
      renderConcurrency: 4,
      renderWarmUpRounds: 5,
      renderIdleWarmUpRenders: 2000,
      renderTimeoutSeconds: 20,
      strandedRequestSeconds: 300,
      apiDbConnections: 10,
    });
    expect(sut.dataDir).toMatch(/\/\.data$/);
  });

  it('reads and normalises every variable', () => {
    const sut = loadConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/credentials',
      DATABASE_URL: 'postgres://u:p@db:5432/c',
      TEMPORAL_ADDRESS: 'temporal:7233',
      ADMIN_API_KEY: 'a-very-long-admin-key',
      PUBLIC_BASE_URL: 'https://certs.example.edu.au/',
      RESEND_API_KEY: 're_x',
      RESEND_BASE_URL: 'http://127.0.0.1:9999',
      RESEND_FROM: 'Certs <certs@example.edu.au>',
      DATA_FIX_DEBOUNCE_SECONDS: '5',
    });
    expect(sut).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/credentials',
      databaseUrl: 'postgres://u:p@db:5432/c',
      temporalAddress: 'temporal:7233',
      adminApiKey: 'a-very-long-admin-key',
      publicBaseUrl: 'https://certs.example.edu.au',
      resendApiKey: 're_x',
      resendBaseUrl: 'http://127.0.0.1:9999',
      resendFrom: 'Certs <certs@example.edu.au>',
      dataFixDebounceSeconds: 5,
    });
  });

  it('lists every invalid variable in one error', () => {
    expect(() =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        TEMPORAL_ADDRESS: 'http://t',
        ADMIN_API_KEY: 'short',
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /PORT must be a whole number[\s\S]*DATABASE_URL must be a postgres:[\s\S]*TEMPORAL_ADDRESS must be host:port[\s\S]*ADMIN_API_KEY must be at least 16[\s\S]*LOG_LEVEL must be one of/,
        ),
      }),
    );
  });

  it('lets a render process skip its warm-up, and names a bad round count', () => {
    expect(loadConfig({ RENDER_WARM_UP_ROUNDS: '0' }).renderWarmUpRounds).toBe(0);
    expect(() => loadConfig({ RENDER_WARM_UP_ROUNDS: 'lots' })).toThrow(/RENDER_WARM_UP_ROUNDS must be a whole number/);
  });

  it('lets a render process skip its warm-up while idle, and names a count out of range', () => {
    expect(loadConfig({ RENDER_IDLE_WARM_UP_RENDERS: '0' }).renderIdleWarmUpRenders).toBe(0);
    expect(() => loadConfig({ RENDER_IDLE_WARM_UP_RENDERS: '-1' })).toThrow(/RENDER_IDLE_WARM_UP_RENDERS/);
  });

  it("links workflows to the dev server's Temporal UI unless TEMPORAL_UI_URL says where the UI is", () => {
    expect(loadConfig({}).temporalUiUrl).toBe('http://localhost:8233');
    expect(loadConfig({ TEMPORAL_UI_URL: 'https://temporal.example.edu.au/' }).temporalUiUrl).toBe(
      'https://temporal.example.edu.au',
    );
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'temporal:8233' })).toThrow(
      /TEMPORAL_UI_URL must be a http: or https: URL/,
    );
  });

  it('takes a document link secret of 32 characters or more', () => {
    expect(loadConfig({}).documentLinkSecret).toBeUndefined();
    expect(loadConfig({ DOCUMENT_LINK_SECRET: 'x'.repeat(32) }).documentLinkSecret).toBe('x'.repeat(32));
    expect(() => loadConfig({ DOCUMENT_LINK_SECRET: 'short' })).toThrow(/DOCUMENT_LINK_SECRET must be at least 32/);
  });

  it('requires the service addresses in the API and worker', () => {
    expect(() => requireServices(loadConfig({}))).toThrow(ConfigError);
    expect(() => requireServices(loadConfig({}))).toThrow(
      /DATABASE_URL is required[\s\S]*TEMPORAL_ADDRESS is required/,
    );
    expect(
      requireServices(loadConfig({ DATABASE_URL: 'postgres://x/y', TEMPORAL_ADDRESS: 'localhost:7233' }))
        .temporalAddress,
    ).toBe('localhost:7233');
  });
});

describe('RENDER_PROCESSES', () => {
  it('is at least 1: a render on the worker thread could not be timed out, so 0 is refused saying why', () => {
    expect(loadConfig({ RENDER_PROCESSES: '2' }).renderProcesses).toBe(2);
    expect(() => loadConfig({ RENDER_PROCESSES: '0' })).toThrow(/RENDER_PROCESSES=0.*RENDER_TIMEOUT_SECONDS/s);
  });
});
