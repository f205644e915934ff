// The window's own rule (src/permits/scan.ts), bundled into the portal: /verificar and `ventanilla verify-permit`
// read a scanned link, a `?token=` URL or a bare token the same way (test/permit-scan.test.ts).
export { tokenOfScan } from '../../../src/permits/scan.ts';
