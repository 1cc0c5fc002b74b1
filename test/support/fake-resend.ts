// The fake lives in dev/ so that `npm run chaos` (perf/) can use it too.
export * from '../../dev/fake-resend';
