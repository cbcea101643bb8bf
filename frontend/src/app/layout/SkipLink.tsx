import classes from './SkipLink.module.css';

export const MAIN_CONTENT_ID = 'main-content';

/** First tab stop of the console: lets keyboard users jump past the header and navigation. */
export function SkipLink() {
  return (
    <a
      className={classes.link}
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        // Move focus explicitly: the router would otherwise treat the hash change as a navigation.
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
    >
      Skip to main content
    </a>
  );
}
