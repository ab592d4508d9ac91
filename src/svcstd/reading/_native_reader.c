/*
 * svcstd's native reader: the common case of reading.py's `_build`, in C, straight from libyaml's events.
 *
 * `read(text, max_depth, max_nodes, max_text, max_documents, resolved, may_resolve)` reads every document of
 * `text` into the data and the SourceMap rows and mapping keys that svcstd.reading.loader's `_build` makes for
 * it, without making one Python object per event. It handles only what most standards hold: mappings, lists
 * and scalars without tags, anchors or aliases, keys that are plain text, neither `<<` nor written twice. At
 * anything else (a tag, an anchor, an alias, a duplicate or `<<` key, a complex key, a syntax error, a limit
 * reached) it returns None, and the Python reader reads the whole text again: every finding, and every
 * message, comes from the Python reader alone. Plain scalars that may be something other than text are
 * resolved by the Python mapping `resolved` (loader._RESOLVED), so YAML 1.2's core schema lives in one place.
 *
 * Returns a list with one (root, rows, mapping_keys) tuple per document, in order; root is None for an
 * empty document. A row is (parent row or -1, key or index, value line, value column, key line or None, key
 * column or None), lines and columns 0-based as libyaml's marks give them; mapping_keys maps a mapping's row
 * to the dict of its keys, each with the row of its value.
 *
 * Built by hatch_build.py when a C compiler and libyaml's headers are there; without it svcstd reads with the
 * Python reader alone, with the same results (tests/test_native_reader.py compares the two).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <yaml.h>

#define ABI 1                /* loader.py uses this module only if it says the same ABI */
#ifndef SVCSTD_SOURCE_DIGEST
#define SVCSTD_SOURCE_DIGEST "" /* hatch_build.py gives the sha256 of this file: a stale build is not used */
#endif
#define STACK_LIMIT 256      /* deeper than this (and than any standard): the Python reader reads it */

typedef struct {
    PyObject *container; /* borrowed: its parent (or the document's root) holds it */
    PyObject *keys;      /* a mapping's keys (borrowed: mapping_keys holds it), NULL for a list */
    Py_ssize_t row;
} Frame;

typedef struct {
    PyObject *rows;
    PyObject *maps;
    PyObject *root;
    PyObject *key; /* the key waiting for its value, NULL when a key comes next */
    size_t key_line, key_column;
    Frame *stack;
    Py_ssize_t depth;
} Document;

static void
document_clear(Document *doc)
{
    Py_CLEAR(doc->rows);
    Py_CLEAR(doc->maps);
    Py_CLEAR(doc->root);
    Py_CLEAR(doc->key);
    doc->depth = 0;
}

static PyObject *
row_of(Py_ssize_t parent, PyObject *token, const yaml_mark_t *mark, PyObject *key_line, PyObject *key_column)
{
    PyObject *row = PyTuple_New(6);
    PyObject *parent_number = PyLong_FromSsize_t(parent);
    PyObject *line = PyLong_FromSize_t(mark->line);
    PyObject *column = PyLong_FromSize_t(mark->column);
    if (row == NULL || parent_number == NULL || line == NULL || column == NULL) {
        Py_XDECREF(row);
        Py_XDECREF(parent_number);
        Py_XDECREF(line);
        Py_XDECREF(column);
        Py_XDECREF(key_line);
        Py_XDECREF(key_column);
        return NULL;
    }
    Py_INCREF(token);
    PyTuple_SET_ITEM(row, 0, parent_number);
    PyTuple_SET_ITEM(row, 1, token);
    PyTuple_SET_ITEM(row, 2, line);
    PyTuple_SET_ITEM(row, 3, column);
    PyTuple_SET_ITEM(row, 4, key_line);   /* stolen */
    PyTuple_SET_ITEM(row, 5, key_column); /* stolen */
    return row;
}

/* Put `data` (a new reference, always consumed) where the document's next node goes, with its row. */
static int
place(Document *doc, PyObject *data, const yaml_mark_t *mark, PyObject *empty)
{
    PyObject *row;
    int failed;
    if (doc->depth == 0) {
        Py_INCREF(Py_None);
        Py_INCREF(Py_None);
        row = row_of(-1, empty, mark, Py_None, Py_None);
        doc->root = data;
    }
    else {
        Frame *top = &doc->stack[doc->depth - 1];
        if (top->keys != NULL) {
            PyObject *key_line = PyLong_FromSize_t(doc->key_line);
            PyObject *key_column = PyLong_FromSize_t(doc->key_column);
            if (key_line == NULL || key_column == NULL) {
                Py_XDECREF(key_line);
                Py_XDECREF(key_column);
                Py_DECREF(data);
                return -1;
            }
            row = row_of(top->row, doc->key, mark, key_line, key_column);
            failed = row == NULL || PyDict_SetItem(top->container, doc->key, data) < 0;
            Py_CLEAR(doc->key);
        }
        else {
            PyObject *index = PyLong_FromSsize_t(PyList_GET_SIZE(top->container));
            if (index == NULL) {
                Py_DECREF(data);
                return -1;
            }
            Py_INCREF(Py_None);
            Py_INCREF(Py_None);
            row = row_of(top->row, index, mark, Py_None, Py_None);
            Py_DECREF(index);
            failed = row == NULL || PyList_Append(top->container, data) < 0;
        }
        Py_DECREF(data);
        if (failed) {
            Py_XDECREF(row);
            return -1;
        }
    }
    if (row == NULL)
        return -1;
    failed = PyList_Append(doc->rows, row);
    Py_DECREF(row);
    return failed ? -1 : 0;
}

enum { READ_ERROR = -1, READ_OTHERWISE = 0, READ_ON = 1 };

/* One scalar event; READ_OTHERWISE when the Python reader must read the text. */
static int
scalar(Document *doc, const yaml_event_t *event, Py_ssize_t *text, Py_ssize_t max_text, Py_ssize_t *total,
       Py_ssize_t max_nodes, PyObject *resolved, const char *may_resolve, PyObject *empty)
{
    if (event->data.scalar.anchor != NULL || event->data.scalar.tag != NULL)
        return READ_OTHERWISE;
    const char *bytes = (const char *)event->data.scalar.value;
    Py_ssize_t length = (Py_ssize_t)event->data.scalar.length;
    PyObject *value = PyUnicode_DecodeUTF8(bytes, length, "strict");
    if (value == NULL) {
        PyErr_Clear();
        return READ_OTHERWISE;
    }
    *text += PyUnicode_GET_LENGTH(value);
    if (*text > max_text) {
        Py_DECREF(value);
        return READ_OTHERWISE;
    }
    if (doc->depth > 0 && doc->stack[doc->depth - 1].keys != NULL && doc->key == NULL) {
        PyObject *keys = doc->stack[doc->depth - 1].keys;
        if (length == 0 && event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            /* An empty key (`? ` or `: v`): rare in a standard, and where libyaml 0.2.5 accepts what later
               releases (PyYAML's own among them) reject, `[?]]`. The Python reader reads it. */
            Py_DECREF(value);
            return READ_OTHERWISE;
        }
        int seen = PyDict_Contains(keys, value);
        if (seen != 0 || (length == 2 && bytes[0] == '<' && bytes[1] == '<')) {
            Py_DECREF(value);
            if (seen < 0)
                return READ_ERROR;
            return READ_OTHERWISE; /* a duplicate or a merge key: the Python reader reports it */
        }
        PyObject *row = PyLong_FromSsize_t(PyList_GET_SIZE(doc->rows));
        if (row == NULL || PyDict_SetItem(keys, value, row) < 0) {
            Py_XDECREF(row);
            Py_DECREF(value);
            return READ_ERROR;
        }
        Py_DECREF(row);
        doc->key = value;
        doc->key_line = event->start_mark.line;
        doc->key_column = event->start_mark.column;
        return READ_ON;
    }
    PyObject *data = value;
    if (event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
        && (length == 0 || ((unsigned char)bytes[0] < 128 && may_resolve[(unsigned char)bytes[0]]))) {
        data = PyObject_GetItem(resolved, value); /* a number, a date, true, null, ...: as the Python reader */
        Py_DECREF(value);
        if (data == NULL)
            return READ_ERROR;
    }
    if (++*total > max_nodes) {
        Py_DECREF(data);
        return READ_OTHERWISE;
    }
    return place(doc, data, &event->start_mark, empty) < 0 ? READ_ERROR : READ_ON;
}

static int
collection(Document *doc, const yaml_event_t *event, int is_map, Py_ssize_t max_depth, Py_ssize_t *total,
           Py_ssize_t max_nodes, PyObject *empty)
{
    const yaml_char_t *anchor = is_map ? event->data.mapping_start.anchor : event->data.sequence_start.anchor;
    const yaml_char_t *tag = is_map ? event->data.mapping_start.tag : event->data.sequence_start.tag;
    if (anchor != NULL || tag != NULL)
        return READ_OTHERWISE;
    if (doc->depth > 0 && doc->stack[doc->depth - 1].keys != NULL && doc->key == NULL)
        return READ_OTHERWISE; /* a complex key */
    if (doc->depth >= max_depth || doc->depth >= STACK_LIMIT)
        return READ_OTHERWISE;
    if (++*total > max_nodes)
        return READ_OTHERWISE;
    PyObject *made = is_map ? PyDict_New() : PyList_New(0);
    if (made == NULL)
        return READ_ERROR;
    Py_ssize_t row = PyList_GET_SIZE(doc->rows);
    PyObject *keys = NULL;
    if (is_map) {
        keys = PyDict_New();
        PyObject *number = PyLong_FromSsize_t(row);
        int failed = keys == NULL || number == NULL || PyDict_SetItem(doc->maps, number, keys) < 0;
        Py_XDECREF(number);
        Py_XDECREF(keys); /* mapping_keys holds it */
        if (failed) {
            Py_DECREF(made);
            return READ_ERROR;
        }
    }
    Frame *frame = &doc->stack[doc->depth];
    frame->container = made; /* borrowed once placed: its parent (or root) holds it */
    frame->keys = keys;
    frame->row = row;
    if (place(doc, made, &event->start_mark, empty) < 0)
        return READ_ERROR;
    doc->depth++;
    return READ_ON;
}

static PyObject *
native_read(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text, *resolved, *may_resolve_text;
    Py_ssize_t max_depth, max_nodes, max_text, max_documents;
    if (!PyArg_ParseTuple(args, "UnnnnOU:read", &text, &max_depth, &max_nodes, &max_text, &max_documents,
                          &resolved, &may_resolve_text))
        return NULL;
    char may_resolve[128] = {0};
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(may_resolve_text); i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(may_resolve_text, i);
        if (c < 128)
            may_resolve[c] = 1;
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 == NULL) { /* lone surrogates: the Python reader says what it says about them */
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    yaml_parser_t parser;
    int parser_ready = 0;
    Document doc = {NULL, NULL, NULL, NULL, 0, 0, NULL, 0};
    Py_ssize_t text_size = 0, total = 0;
    int outcome = READ_ON, ended = 0;
    PyObject *documents = NULL;
    Frame *stack = NULL;
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    if (empty == NULL)
        goto error;
    documents = PyList_New(0);
    if (documents == NULL)
        goto error;
    stack = PyMem_Malloc(sizeof(Frame) * STACK_LIMIT);
    if (stack == NULL) {
        PyErr_NoMemory();
        goto error;
    }
    doc.stack = stack;
    if (!yaml_parser_initialize(&parser)) {
        PyErr_NoMemory();
        goto error;
    }
    parser_ready = 1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)utf8, (size_t)size);

    while (outcome == READ_ON && !ended) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            outcome = READ_OTHERWISE; /* a syntax error: the Python reader reports it */
            break;
        }
        switch (event.type) {
        case YAML_STREAM_END_EVENT:
            ended = 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (PyList_GET_SIZE(documents) >= max_documents) {
                outcome = READ_OTHERWISE;
                break;
            }
            document_clear(&doc);
            text_size = total = 0;
            doc.rows = PyList_New(0);
            if (doc.rows == NULL || (doc.maps = PyDict_New()) == NULL)
                outcome = READ_ERROR;
            break;
        case YAML_DOCUMENT_END_EVENT: {
            PyObject *read = PyTuple_Pack(3, doc.root != NULL ? doc.root : Py_None, doc.rows, doc.maps);
            if (read == NULL || PyList_Append(documents, read) < 0)
                outcome = READ_ERROR;
            Py_XDECREF(read);
            document_clear(&doc);
            break;
        }
        case YAML_SCALAR_EVENT:
            outcome = scalar(&doc, &event, &text_size, max_text, &total, max_nodes, resolved, may_resolve, empty);
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            outcome = collection(&doc, &event, event.type == YAML_MAPPING_START_EVENT, max_depth, &total,
                                 max_nodes, empty);
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            doc.depth--;
            Py_CLEAR(doc.key);
            break;
        case YAML_ALIAS_EVENT:
            outcome = READ_OTHERWISE;
            break;
        default: /* the stream's start */
            break;
        }
        yaml_event_delete(&event);
    }
    document_clear(&doc);
    yaml_parser_delete(&parser);
    PyMem_Free(stack);
    Py_DECREF(empty);
    if (outcome == READ_ERROR) {
        Py_DECREF(documents);
        return NULL;
    }
    if (outcome == READ_OTHERWISE) {
        Py_DECREF(documents);
        Py_RETURN_NONE;
    }
    return documents;

error:
    if (parser_ready)
        yaml_parser_delete(&parser);
    PyMem_Free(stack);
    Py_XDECREF(empty);
    Py_XDECREF(documents);
    return NULL;
}

static PyMethodDef methods[] = {
    {"read", native_read, METH_VARARGS,
     "read(text, max_depth, max_nodes, max_text, max_documents, resolved, may_resolve) -> list | None"},
    {NULL, NULL, 0, NULL},
};

static int
module_exec(PyObject *module)
{
    if (PyModule_AddIntConstant(module, "ABI", ABI) < 0)
        return -1;
    if (PyModule_AddStringConstant(module, "SOURCE_DIGEST", SVCSTD_SOURCE_DIGEST) < 0)
        return -1;
    return PyModule_AddStringConstant(module, "LIBYAML_VERSION", yaml_get_version_string());
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED}, /* no state of its own: each call holds only its own objects */
#endif
    {0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "svcstd.reading._native_reader",
    "svcstd's native reader: the common case of the YAML reader in C (see loader.py).",
    0, methods, slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__native_reader(void)
{
    return PyModuleDef_Init(&definition);
}
