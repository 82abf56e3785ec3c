/** A malformed query option; the server answers 400 with an ODataException body. */
export class ODataError extends Error {}
