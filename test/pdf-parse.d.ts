declare module 'pdf-parse/lib/pdf-parse.js';
