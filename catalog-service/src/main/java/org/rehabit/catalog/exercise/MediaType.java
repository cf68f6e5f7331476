package org.rehabit.catalog.exercise;

/** The kind of a media link. */
public enum MediaType {
    IMAGE, VIDEO
}
