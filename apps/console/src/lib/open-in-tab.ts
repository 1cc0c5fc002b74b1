/**
 * Opens a tab at once (inside the click, so no popup blocker objects) and points it at the answer when it arrives.
 * A failure closes the tab and is thrown for the page to show.
 */
export async function openInNewTab(load: () => Promise<string | Blob>): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const target = await load();
    const url = typeof target === 'string' ? target : URL.createObjectURL(target);
    if (tab) tab.location.href = url;
    else window.location.assign(url);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
