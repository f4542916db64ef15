// The package ships JavaScript only; the easy-read checks use these measures of it.
declare module 'text-readability' {
  const readability: {
    fleschReadingEase(text: string): number;
    lexiconCount(text: string, removePunctuation?: boolean): number;
  };
  export default readability;
}
