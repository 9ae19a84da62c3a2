// Static inline wrappers over libedit's variadic calls (el_wset, el_wget, history_w),
// which Swift cannot call directly, and accessors for the C standard streams, which
// Swift 6 rejects as shared mutable globals.
#ifndef FIELDKIT_CEDITLINE_SHIM_H
#define FIELDKIT_CEDITLINE_SHIM_H

#include <stdio.h>
#include <wchar.h>
#include <locale.h>
#include <histedit.h>

static inline FILE *fk_stdin(void) { return stdin; }
static inline FILE *fk_stdout(void) { return stdout; }
static inline FILE *fk_stderr(void) { return stderr; }

// Return codes of editor functions bound with EL_ADDFN.
static const unsigned char FK_CC_NORM = 0;
static const unsigned char FK_CC_NEWLINE = 1;
static const unsigned char FK_CC_EOF = 2;
static const unsigned char FK_CC_REFRESH = 4;
static const unsigned char FK_CC_ERROR = 6;
static const unsigned char FK_CC_REDISPLAY = 8;

static inline int fk_el_set_prompt(EditLine *el, wchar_t *(*prompt)(EditLine *)) {
    return el_wset(el, EL_PROMPT, prompt);
}
static inline int fk_el_set_editor(EditLine *el, const wchar_t *mode) { return el_wset(el, EL_EDITOR, mode); }
static inline int fk_el_set_signal(EditLine *el, int flag) { return el_wset(el, EL_SIGNAL, flag); }
static inline int fk_el_set_history(EditLine *el, HistoryW *history) {
    return el_wset(el, EL_HIST, history_w, history);
}
static inline int fk_el_set_getc(EditLine *el, int (*getc)(EditLine *, wchar_t *)) {
    return el_wset(el, EL_GETCFN, getc);
}
static inline int fk_el_add_function(EditLine *el, const wchar_t *name, const wchar_t *help,
                                     unsigned char (*function)(EditLine *, int)) {
    return el_wset(el, EL_ADDFN, name, help, function);
}
static inline int fk_el_bind(EditLine *el, const wchar_t *key, const wchar_t *function) {
    return el_wset(el, EL_BIND, key, function, NULL);
}
static inline int fk_el_set_clientdata(EditLine *el, void *data) { return el_wset(el, EL_CLIENTDATA, data); }
static inline void *fk_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_wget(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int fk_el_refresh(EditLine *el) { return el_wset(el, EL_REFRESH); }
static inline void fk_el_push(EditLine *el, const wchar_t *text) { el_wpush(el, text); }

static inline int fk_history_set_size(HistoryW *history, HistEventW *event, int size) {
    return history_w(history, event, H_SETSIZE, size);
}
static inline int fk_history_set_unique(HistoryW *history, HistEventW *event, int unique) {
    return history_w(history, event, H_SETUNIQUE, unique);
}
static inline int fk_history_enter(HistoryW *history, HistEventW *event, const wchar_t *line) {
    return history_w(history, event, H_ENTER, line);
}
static inline int fk_history_load(HistoryW *history, HistEventW *event, const char *file) {
    return history_w(history, event, H_LOAD, file);
}
static inline int fk_history_save(HistoryW *history, HistEventW *event, const char *file) {
    return history_w(history, event, H_SAVE, file);
}

#endif
