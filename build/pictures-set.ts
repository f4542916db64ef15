/**
 * Which OpenMoji subgroups organisers can pick pictures from for new content, and how many of
 * each: enough everyday things to illustrate most questions, few enough that precaching them
 * all stays small (about 200 pictures, under 200 KB gzip).
 */
export const ORGANISER_SUBGROUPS: readonly string[] = [
  'face-smiling', 'face-neutral-skeptical', 'face-concerned', 'face-unwell', 'heart', 'hands', 'hand-fingers-closed',
  'body-parts', 'person-role', 'family', 'place-building', 'place-map', 'transport-ground', 'time', 'food-fruit',
  'food-vegetable', 'drink', 'event', 'phone', 'computer', 'book-paper', 'money', 'mail', 'writing', 'office',
  'lock', 'tool', 'medical', 'household', 'warning', 'av-symbol', 'sound', 'music', 'sky-weather', 'plant-flower',
  'plant-other', 'animal-mammal', 'light-video', 'transport-sign',
];

/** Pictures taken from each subgroup, in OpenMoji's order. */
export const PER_SUBGROUP = 6;
