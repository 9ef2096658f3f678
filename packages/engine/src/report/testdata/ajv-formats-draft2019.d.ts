// The package ships no types: it is a plugin function (ajv) => ajv adding draft 2019-09 formats
// (iri-reference, idn-email, ...), which the CycloneDX schema uses.
declare module 'ajv-formats-draft2019' {
  const addFormats: <T>(ajv: T) => T;
  export default addFormats;
}
