import { useEffect, useState } from 'preact/hooks';

/** Where the app serves a pictogram by its OpenMoji hex code. */
export function pictureUrl(id: string): string {
  return `/pictures/${encodeURIComponent(id)}.svg`;
}

/** The id of the list of pictures the app has, for picture code inputs (`list=`). */
export const PICTURE_LIST_ID = 'picture-list';

let names: Promise<Map<string, string>> | undefined;

// The build lists the pictures it ships, with OpenMoji's names (`/pictures/index.json`).
function loadNames(): Promise<Map<string, string>> {
  names ??= fetch('/pictures/index.json')
    .then((response) => (response.ok ? (response.json() as Promise<Array<{ id: string; name: string }>>) : []))
    .then((list) => new Map(list.map((p) => [p.id, p.name])))
    .catch(() => new Map<string, string>());
  return names;
}

/** OpenMoji's names of the pictures the app has, by code (empty until loaded). */
export function usePictureNames(): Map<string, string> {
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    void loadNames().then((map) => live && setKnown(map));
    return () => {
      live = false;
    };
  }, []);
  return known;
}

/** Suggestions for every picture code input on the page: each picture's code with its name. */
export function PictureList() {
  const known = usePictureNames();
  return (
    <datalist id={PICTURE_LIST_ID}>
      {[...known].map(([id, name]) => (
        <option key={id} value={id}>
          {name}
        </option>
      ))}
    </datalist>
  );
}

/**
 * A small preview of the pictogram an id names, with the id (and its name, when the app has
 * the picture) beside it, so the organiser sees what they chose. The image is decorative:
 * the words beside it say the same.
 */
export function PicturePreview({ id }: { id: string | undefined }) {
  const known = usePictureNames();
  const value = id?.trim();
  if (!value) return null;
  const name = known.get(value);
  return (
    <p class="app-ws-picture">
      <img
        src={pictureUrl(value)}
        alt=""
        width={48}
        height={48}
        onError={(event) => {
          event.currentTarget.hidden = true;
        }}
      />
      <span class="govuk-body-s">{name ? `${value}: ${name}` : value}</span>
    </p>
  );
}
