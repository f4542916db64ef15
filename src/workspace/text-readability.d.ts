// The package ships JavaScript only; the workspace uses these two measures of it.
declare module 'text-readability' {
  const readability: {
    fleschReadingEase(text: string): number;
    lexiconCount(text: string, removePunctuation?: boolean): number;
  };
  export default readability;
}
