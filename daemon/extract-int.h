/*
 * extract-int.h -- shared between the extract*.c files only.
 *
 * Every element of the parsed document gets one struct xnode (through the
 * node's _private pointer) holding what the walks measured: text length in
 * characters, the part of it inside links, commas, class weight and score.
 * Walks are iterative (parent/next pointers), so hostile nesting cannot
 * exhaust the stack.
 */
#ifndef OTSNEWS_EXTRACT_INT_H
#define OTSNEWS_EXTRACT_INT_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"

#define EXTRACT_MAX_INPUT	(16U * 1024 * 1024)
#define EXTRACT_MAX_NODES	500000	/* elements; ~50 MB of struct xnode */

/* xnode flags */
#define XN_DROP		0x01	/* removed: never scored, never printed */
#define XN_SCORED	0x02	/* content score initialised */
#define XN_BLOCK	0x04	/* block-level element */
#define XN_USERDROP	0x08	/* removed by the source's drop_xpath */
#define XN_NEVER	0x10	/* never content: script, style, nav, ... */
#define XN_PARA		0x20	/* p, pre, td: scored as a paragraph */
#define XN_HEAD		0x40	/* h1-h6 */
#define XN_CONT		0x80	/* div, section, article, ...: containers */
#define XN_A		0x100	/* a */
#define XN_LI		0x200	/* li */
#define XN_CELL		0x400	/* td, th */
#define XN_NOSCORE	0x800	/* follows a "related news" heading */
#define XN_TITLE	0x1000	/* holds the headline: kept whatever its class */
#define XN_HEADER	0x2000	/* ... and dropped by class but for that */
#define XN_TAGBITS	(XN_BLOCK | XN_NEVER | XN_PARA | XN_HEAD | XN_CONT | \
	XN_A | XN_LI | XN_CELL)

/* extract_clean_mark modes */
#define CLEAN_UNLIKELY	0x01	/* drop unlikely candidates by class/id */
#define CLEAN_WEIGHT	0x02	/* class/id weights count */
#define CLEAN_COND	0x04	/* conditional cleaning of junk containers */
#define CLEAN_HIDDEN	0x08	/* drop hidden elements (display:none, ...) */
#define CLEAN_ALL	(CLEAN_UNLIKELY | CLEAN_WEIGHT | CLEAN_COND | CLEAN_HIDDEN)

struct xnode {
	xmlNode		*node;
	size_t		 text;		/* characters, whitespace runs as one */
	size_t		 text0;		/* text before anything was dropped */
	size_t		 link;		/* characters inside <a> */
	size_t		 commas;
	size_t		 listtext;	/* characters inside ul/ol */
	size_t		 headtext;	/* characters inside h1-h6 */
	unsigned int	 np, nimg, nli, ninput, nembed;
	double		 score;
	int		 weight;	/* class/id weight in use */
	int		 flags;
	short		 cweight;	/* class/id weight, once computed */
	unsigned short	 cmask;		/* CM_* of the class/id words */
};

/* The alt and title texts of a page's pictures (extract-alts.c). */
struct extract_alt {
	char		*s;		/* collapsed, owned */
	size_t		 len;
	const xmlNode	*img;		/* its picture */
};

struct extract_alts {
	struct extract_alt *v;
	size_t		  n, cap;
	int		  done;		/* collected */
};

struct xdoc {
	xmlDoc		*doc;
	xmlNode		*root;		/* <html> */
	xmlNode		*body;
	struct xnode	*nodes;		/* one per element */
	size_t		 nnodes;
	int		 measured0;	/* text0 is filled */
	xmlNode		*top;		/* the main text's container */
	int		 stops_marked;	/* XN_NOSCORE is set */
	int		 gallery;	/* the captions hold the text */
	int		 hidden;	/* CLEAN_HIDDEN dropped an element */
	const char	*title;		/* the page's title, or NULL */
	xmlNode		*title_node;	/* the heading holding the title */
	xmlNode		*first_h1;	/* the first non-empty <h1> */
	size_t		 lead_len;	/* bytes of the body before the top */
	const char	*description;	/* meta description, or NULL */
	struct extract_alts alts;	/* the pictures' words */
};

#define XN(n)	((struct xnode *)(n)->_private)

/*
 * Work budget of one page: EXTRACT_WORK_PER_BYTE units per input byte
 * plus EXTRACT_WORK_FLOOR.  A unit is a node stepped over or a byte of
 * text scanned.  Normal pages use under 4 per byte (3.6 at most over the
 * extraction benchmark and the test world); headings nested 128 deep
 * over many empty elements, each heading walking them again, use ~100.
 */
#define EXTRACT_WORK_PER_BYTE	64
#define EXTRACT_WORK_FLOOR	(1024 * 1024)

/* extract-blocks.c */
char		*extract_blocks_text(struct xdoc *);

/* extract-alts.c */
void		 extract_alts_collect(struct xdoc *);
int		 extract_alts_caption(const struct extract_alts *, const char *,
		    size_t, const xmlNode *);
void		 extract_alts_clear(struct extract_alts *);

/* extract-text.c */
void		 extract_work_start(size_t);
int		 extract_work(size_t);
int		 extract_work_exceeded(void);
size_t		 extract_work_done(void);
int		 extract_tag_is(const xmlNode *, const char *);
int		 extract_name_flags(const char *);
const char	*extract_attr(const xmlNode *, const char *);
xmlNode		*extract_walk_next(xmlNode *, const xmlNode *, int);
void		 extract_text_add(struct buf *, const char *, int *);
void		 extract_text_measure(struct xnode *, const char *);
char		*extract_node_text(const xmlNode *, size_t);
char		*extract_collapse(const char *);
int		 extract_norm_eq(const char *, const char *);
size_t		 extract_utf8_len(const char *);
int		 extract_xdoc_init(struct xdoc *, xmlDoc *);
void		 extract_xdoc_measure(struct xdoc *);
void		 extract_xdoc_clear(struct xdoc *);

/* extract-clean.c */
void		 extract_clean_mark(struct xdoc *, int);
int		 extract_is_furniture(xmlNode *);
int		 extract_class_match(const xmlNode *, const char *const *);
int		 extract_is_boiler_para(const char *);
int		 extract_is_fact_date(const char *);
int		 extract_is_pointer(const char *);
size_t		 extract_bio_cut(char *, size_t, size_t);
int		 extract_is_stop_heading(const char *);
int		 extract_is_lead_class(const xmlNode *);
int		 extract_is_intro_class(const xmlNode *);

/* extract-content.c */
char		*extract_content(struct xdoc *, const char *title);
char		*extract_nodes_text(struct xdoc *, xmlNode **, size_t,
		    const char *title);

/* extract-score.c */
size_t		 extract_block_find(struct xdoc *, xmlNode **sel, size_t max,
		    xmlNode **top, xmlNode **best);
int		 extract_head_rank(const xmlNode *);
int		 extract_ends_stop(const xmlNode *, int rank);
xmlNode		*extract_stop_box(xmlNode *);
int		 extract_contains(const xmlNode *, const xmlNode *);
double		 extract_link_density(const xmlNode *);
int		 extract_sentence_like(const xmlNode *);
int		 extract_is_para_div(xmlNode *);

/* extract-junk.c: a container of the text that looks like junk */
int		 extract_is_junk(const xmlNode *, int in_article);

/* extract-lead.c */
xmlNode		*extract_title_node(struct xdoc *, const char *title);
size_t		 extract_lead_find(struct xdoc *, xmlNode *, xmlNode **,
		    size_t);

/* extract-meta.c */
struct extract_meta {
	char		*title;
	char		*og_title;
	char		*site_name;
	char		*description;
	char		*author;
	char		*canonical;
	char		*image;
	char		*lang;		/* declared, normalised */
	char		*ld_body;	/* JSON-LD articleBody, as found */
	time_t		 published;
};
void		 extract_meta_find(struct xdoc *, const char *url,
		    const char *tz, struct extract_meta *);
time_t		 extract_meta_text_date(struct xdoc *, const char *tz,
		    const char *title);
void		 extract_meta_clear(struct extract_meta *);

/* extract-lang.c */
char		*extract_lang_norm(const char *);
const char	*extract_lang_detect(const char *text, const char *declared);

#endif
