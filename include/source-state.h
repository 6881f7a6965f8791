/*
 * source-state.h -- what a source remembers across restarts, one JSON file
 * per source in state_dir/sources/NAME.json (tmp + fsync + rename): the
 * URL it moved to permanently (301/308), its conditional-GET validators,
 * whether it answered 410 Gone.  State is tied to the configured URL: a
 * changed [source] url starts afresh.
 */
#ifndef OTSNEWS_SOURCE_STATE_H
#define OTSNEWS_SOURCE_STATE_H

struct source_state {
	char	*conf_url;	/* [source] url the state belongs to */
	char	*url;		/* where to poll: conf_url or moved to */
	char	*etag;
	char	*last_modified;
	int	 gone;		/* 410: not polled any more */
};

/*
 * Load NAME's state for conf_url; a missing file, another conf_url or an
 * unreadable file (logged) give a fresh state.  Never fails.
 */
void	source_state_load(const char *state_dir, const char *name,
	    const char *conf_url, struct source_state *);
/*
 * Replace NAME's state file (a temporary file renamed over it).  With
 * durable, the file is fsync()ed before the rename: for what must
 * survive a power loss (a source gone, a permanent redirect).  Without,
 * as for the validators saved after every poll, a power loss may leave
 * the previous state (or, on a filesystem that does not order a rename
 * after its data, an unreadable file, which loads as a fresh state):
 * either costs one full poll, never an article.
 */
int	source_state_save(const char *state_dir, const char *name,
	    const struct source_state *, int durable, char **cause);
void	source_state_clear(struct source_state *);

#endif
