// The fake lives under scripts/ so that `npm run chaos` (compiled by tsconfig.build.json) can use it too.
export * from '../../scripts/dev-stack/fake-resend';
