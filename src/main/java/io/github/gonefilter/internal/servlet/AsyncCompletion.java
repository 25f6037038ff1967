package io.github.gonefilter.internal.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Runs an action when an asynchronous request completes, on whichever thread completes it, however many async
 * cycles it goes through: a new cycle ({@code startAsync} again) drops the listeners of the last one, so the
 * listener adds itself again.
 */
public final class AsyncCompletion implements AsyncListener {

    private final ServletRequest request;
    private final ServletResponse response;
    private final Runnable action;

    private AsyncCompletion(ServletRequest request, ServletResponse response, Runnable action) {
        this.request = request;
        this.response = response;
        this.action = action;
    }

    /** Runs {@code action} when {@code request}, whose async processing has started, completes. */
    public static void whenComplete(ServletRequest request, ServletResponse response, Runnable action) {
        request.getAsyncContext().addListener(new AsyncCompletion(request, response, action), request, response);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        action.run();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this, request, response);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // onComplete follows, with the status the timeout left
    }

    @Override
    public void onError(AsyncEvent event) {
        // onComplete follows
    }
}
