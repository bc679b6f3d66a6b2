/** Every entity a user owns carries its owner's id; the ownership layer relies on it. */
export interface Owned {
  ownerId: string;
}
